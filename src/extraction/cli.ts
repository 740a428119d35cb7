// `keruen extract FILE…` and `keruen eval DIR`: the extractor from the command line. Reading the
// files is done here; the engine itself stays pure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { printJson, printTable } from '../cli/index.js';
import { ValidationError } from '../errors.js';
import { parseDocument } from './document.js';
import { type DocumentScore, evaluate, type LooseFact } from './evaluate.js';
import { extractFacts } from './extract.js';
import type { Fact } from './model.js';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ValidationError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, [
      { field: 'file', value: path, reason: 'cannot be read' },
    ]);
  }
}

/** Extracts the facts of one document file. A file without front matter is dated today. */
export function extractFile(
  path: string,
  today: string,
): { document: { id: string; published: string }; facts: Fact[] } {
  const doc = parseDocument(readText(path), basename(path).replace(/\.(md|txt)$/i, ''), today);
  return { document: { id: doc.id, published: doc.meta.published }, facts: extractFacts(doc.body, doc.meta) };
}

function describe(fact: Fact): Record<string, unknown> {
  const scope =
    'scope' in fact && fact.scope
      ? 'group' in fact.scope
        ? fact.scope.group
        : fact.scope.countries.join('–')
      : '';
  const base = {
    kind: fact.kind,
    scope,
    confidence: fact.confidence.toFixed(2),
    quote: fact.quote.length > 90 ? `${fact.quote.slice(0, 87)}…` : fact.quote,
  };
  switch (fact.kind) {
    case 'trade_turnover':
      return {
        ...base,
        value: `${fact.bound === 'exact' ? '' : `${fact.bound} `}${fact.value} ${fact.currency}`,
        when: `${fact.period.from}..${fact.period.to}`,
        flow: fact.flow === 'exports' ? `${fact.from}→${fact.to}` : 'turnover',
        change: fact.change_pct ?? '',
      };
    case 'trade_target':
      return {
        ...base,
        value: `${fact.value} ${fact.currency}`,
        when: fact.by ? `by ${fact.by}` : (fact.horizon ?? ''),
        flow: fact.flow === 'exports' ? `${fact.from}→${fact.to}` : 'turnover',
        change: '',
      };
    default:
      return { ...base, value: 'value' in fact ? (fact.value ?? '') : '', when: '', flow: '', change: '' };
  }
}

/** Scores the extractor on every `*.md` with a `*.gold.json` beside it in `dir`. */
export function evaluateDirectory(dir: string, kinds?: Set<string>) {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
  } catch {
    throw new ValidationError(`cannot read the folder ${dir}`, [
      { field: 'dir', value: dir, reason: 'cannot be read' },
    ]);
  }
  const documents: DocumentScore[] = [];
  for (const name of names) {
    const goldPath = join(dir, name.replace(/\.md$/, '.gold.json'));
    try {
      statSync(goldPath);
    } catch {
      continue;
    }
    const gold = (JSON.parse(readText(goldPath)) as { facts: LooseFact[] }).facts.filter(
      (f) => !kinds || kinds.has(f.kind),
    );
    const doc = parseDocument(readText(join(dir, name)), name.replace(/\.md$/, ''), '1970-01-01');
    const predicted = extractFacts(doc.body, doc.meta).filter(
      (f) => !kinds || kinds.has(f.kind),
    ) as unknown as LooseFact[];
    documents.push({ id: doc.id, gold, predicted });
  }
  if (documents.length === 0) {
    throw new ValidationError(`no document with gold facts in ${dir}`, [
      { field: 'dir', value: dir, reason: 'holds no *.md with *.gold.json' },
    ]);
  }
  return evaluate(documents);
}

export function registerExtractionCommands(program: Command): void {
  program
    .command('extract')
    .description('read documents into facts (one JSON line per document with --format jsonl)')
    .argument('<files...>', 'document files (Markdown with YAML front matter, or plain text)')
    .option('--format <format>', 'jsonl or table', 'jsonl')
    .action((files: string[], options: { format: string }) => {
      if (options.format !== 'jsonl' && options.format !== 'table' && options.format !== 'json') {
        throw new ValidationError(`unknown format ${options.format}`, [
          { field: '--format', value: options.format, reason: 'must be jsonl or table' },
        ]);
      }
      const today = new Date().toISOString().slice(0, 10);
      for (const file of files) {
        const result = extractFile(file, today);
        if (options.format === 'table') {
          process.stdout.write(
            `${result.document.id} (${result.document.published}): ${result.facts.length} facts\n`,
          );
          printTable(result.facts.map(describe), [
            'kind',
            'scope',
            'flow',
            'value',
            'when',
            'change',
            'confidence',
            'quote',
          ]);
          process.stdout.write('\n');
        } else {
          process.stdout.write(`${JSON.stringify(result)}\n`);
        }
      }
    });

  program
    .command('eval')
    .description('score the extractor against the *.gold.json files of a folder (facts.md "Scoring")')
    .argument('<dir>', 'folder of documents with gold facts, e.g. ../shared/corpus/dev')
    .option('--kind <kinds>', 'only these kinds, comma-separated')
    .option('--format <format>', 'json or table', 'table')
    .action((dir: string, options: { kind?: string; format: string }) => {
      const kinds = options.kind ? new Set(options.kind.split(',').map((k) => k.trim())) : undefined;
      const result = evaluateDirectory(dir, kinds);
      if (options.format === 'json') return printJson(result);
      const pct = (x: number) => x.toFixed(3);
      process.stdout.write(`${result.documents} documents in ${dir}\n\n`);
      printTable(
        [...result.kinds, result.trade, result.overall].map((k) => ({
          kind: k.kind,
          tp: k.tp,
          fp: k.fp,
          fn: k.fn,
          precision: pct(k.precision),
          recall: pct(k.recall),
          f1: pct(k.f1),
        })),
        ['kind', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1'],
      );
      const a = result.attributes;
      process.stdout.write(
        `\nover matched trade facts: bound ${pct(a.bound.accuracy)} (${a.bound.right}/${a.bound.total}), ` +
          `change_pct ${pct(a.change_pct.accuracy)} (${a.change_pct.right}/${a.change_pct.total}), ` +
          `horizon ${pct(a.horizon.accuracy)} (${a.horizon.right}/${a.horizon.total})\n`,
      );
      if (result.misses.length > 0) {
        process.stdout.write(`\nmisses (${result.misses.length}):\n`);
        for (const miss of result.misses) {
          const f = miss.fact;
          const quote = String(f.quote ?? '').slice(0, 100);
          process.stdout.write(
            `  ${miss.type.padEnd(8)} ${miss.document}  ${f.kind}  ${JSON.stringify(f.scope ?? f.parties ?? '')}  ${f.value ?? f.title ?? ''}  «${quote}»\n`,
          );
        }
      }
    });
}
