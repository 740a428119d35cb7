// Demo data: what `npm start` (`keruen serve --demo`) and `keruen demo load` put in a database. Every
// other command starts from an empty database plus reference data.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import { DEMO_RECORDS, loadCooperationDemo } from '../cooperation/index.js';
import type { DB } from '../db/index.js';
import { ingestDocument } from '../documents/index.js';
import { RECORD_KINDS } from '../kinds.js';
import { demoProducers, loadProducerDemo } from '../producers/index.js';
import { CORPUS_TRADE } from '../trade/demo/corpus-figures.js';
import { loadTradeDemo } from '../trade/index.js';
import { DemoRepository } from './repository.js';

const LOAD_NAME = 'demo';

/** Loads the demo data in one transaction, unless this version of it is already loaded. */
export async function loadDemoData(db: Kysely<DB>): Promise<{ loaded: boolean }> {
  const digest = createHash('sha256')
    .update(JSON.stringify([CORPUS_TRADE, demoProducers(), DEMO_RECORDS]))
    .digest('hex');
  if ((await new DemoRepository(db).loadedDigest(LOAD_NAME)) === digest) return { loaded: false };
  return db.transaction().execute(async (trx) => {
    const repo = new DemoRepository(trx);
    await repo.lock();
    if ((await repo.loadedDigest(LOAD_NAME)) === digest) return { loaded: false };
    await loadTradeDemo(trx);
    await loadProducerDemo(trx);
    await loadCooperationDemo(trx, RECORD_KINDS);
    await repo.setLoaded(LOAD_NAME, digest);
    return { loaded: true };
  });
}

/**
 * Ingests the documents of a folder (`*.md`) so that the demo's review queue has facts to decide on.
 * A document already stored is left as it is (documents are stored once per content).
 */
export async function ingestDemoDocuments(db: Kysely<DB>, folder: string): Promise<{ ingested: number }> {
  let ingested = 0;
  const files = (await readdir(folder)).filter((f) => f.endsWith('.md')).sort();
  for (const file of files) {
    const text = await readFile(join(folder, file), 'utf8');
    const result = await ingestDocument(
      db,
      text,
      basename(file, '.md'),
      new Date().toISOString().slice(0, 10),
      'demo',
    );
    if (result.created) ingested++;
  }
  return { ingested };
}
