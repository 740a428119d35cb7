// Extraction throughput on one core: the documents of ../shared/corpus (seeds and dev), read
// again and again until at least 50 MB have passed through the extractor.
// Run: npm run bench:extraction [-- MB]
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { extractFacts, parseDocument } from '../src/extraction/index.js';

const corpus = new URL('../../shared/corpus/', import.meta.url).pathname;
const documents = ['seeds', 'dev'].flatMap((split) =>
  readdirSync(join(corpus, split))
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseDocument(readFileSync(join(corpus, split, f), 'utf8'), f, '2024-01-01')),
);
const corpusBytes = documents.reduce((s, d) => s + Buffer.byteLength(d.body), 0);
const targetBytes = Number(process.argv[2] ?? 50) * 1e6;

// Warm up the regular expressions and the JIT.
for (const d of documents) extractFacts(d.body, d.meta);

let bytes = 0;
let docs = 0;
let facts = 0;
const t0 = performance.now();
while (bytes < targetBytes) {
  for (const d of documents) {
    facts += extractFacts(d.body, d.meta).length;
    bytes += Buffer.byteLength(d.body);
    docs++;
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`machine: ${cpus()[0]?.model} (one core used), node ${process.version}`);
console.log(
  `corpus: ${documents.length} documents, ${(corpusBytes / 1e3).toFixed(0)} kB, read ${(docs / documents.length).toFixed(0)} times`,
);
console.log(`${(bytes / 1e6).toFixed(1)} MB, ${docs} documents, ${facts} facts in ${seconds.toFixed(2)} s`);
console.log(
  `throughput: ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${(docs / seconds).toFixed(0)} documents/s`,
);
