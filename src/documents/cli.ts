// `keruen ingest FILE|DIR` and `keruen review …`: documents and the review queue from the command line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { cliActor, countProgress, parseFormat, printJson, printTable, withContext } from '../cli/index.js';
import { ValidationError } from '../errors.js';
import { today } from '../reference/index.js';
import {
  type Decision,
  decideFact,
  getFact,
  ingestDocument,
  type ReviewItem,
  reviewQueue,
} from './service.js';

/** The files a path names: the file itself, or the documents (*.md, *.txt) of a folder, in name order. */
export function documentFiles(path: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new ValidationError(`cannot read ${path}`, [
      { field: 'path', value: path, reason: 'does not exist or cannot be read' },
    ]);
  }
  if (stat.isFile()) return [path];
  return readdirSync(path)
    .filter((f) => /\.(md|txt)$/i.test(f))
    .sort()
    .map((f) => join(path, f));
}

function describeFact(item: ReviewItem): string {
  const f = item.fact as Record<string, unknown>;
  const scope = f.scope as { countries?: string[]; group?: string } | undefined;
  const parts = [
    `#${item.id} ${item.kind} [${item.status}] v${item.version} confidence ${item.confidence.toFixed(2)}`,
    `  document ${item.document.id}: ${item.document.title ?? ''} (${item.document.publisher ?? ''}, ${item.document.published})`,
    `  ${JSON.stringify({ ...f, kind: undefined, scope: scope?.group ?? scope?.countries?.join('-') })}`,
    `  …${item.context.before.slice(-120)}[[${item.context.quote}]]${item.context.after.slice(0, 120)}…`,
  ];
  return parts.join('\n');
}

function parseEdits(edits: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const edit of edits) {
    const at = edit.indexOf('=');
    if (at < 1)
      throw new ValidationError(`--set needs field=value, not ${edit}`, [
        { field: '--set', value: edit, reason: 'must be field=value' },
      ]);
    const field = edit.slice(0, at);
    const raw = edit.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    out[field] = value;
  }
  return out;
}

export function registerDocumentCommands(program: Command): void {
  program
    .command('ingest')
    .description('store documents (once per content) and their proposed facts for review')
    .argument('<path>', 'a document file, or a folder of *.md / *.txt documents')
    .option('--format <format>', 'json or table', 'table')
    .action(async (path: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const files = documentFiles(path);
      const results = await withContext('ingest', async (ctx) => {
        const progress = countProgress('documents', files.length);
        const out: { file: string; id: number; created: boolean; facts: number }[] = [];
        try {
          for (const [i, file] of files.entries()) {
            const text = readFileSync(file, 'utf8');
            const { created, document } = await ingestDocument(
              ctx.db,
              text,
              basename(file).replace(/\.(md|txt)$/i, ''),
              today(),
              cliActor(),
            );
            out.push({ file, id: document.id, created, facts: document.facts.length });
            progress.update(i + 1);
          }
        } finally {
          progress.stop();
        }
        return out;
      });
      const summary = {
        ingested: results.filter((r) => r.created).length,
        unchanged: results.filter((r) => !r.created).length,
        facts: results.filter((r) => r.created).reduce((s, r) => s + r.facts, 0),
        documents: results,
      };
      if (format === 'json') return printJson(summary);
      process.stdout.write(
        `${summary.ingested} documents ingested (${summary.facts} facts pending review), ${summary.unchanged} already stored\n`,
      );
    });

  const review = program.command('review').description('the review queue: decide on extracted facts');
  review
    .command('list')
    .description('facts waiting for a decision, oldest first')
    .option('--kind <kind>', 'only facts of this kind, e.g. trade_turnover')
    .option('--status <status>', 'pending, accepted or rejected', 'pending')
    .option('--limit <n>', 'how many', '20')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { kind?: string; status: string; limit: string; format: string }) => {
      const format = parseFormat(options.format);
      if (!['pending', 'accepted', 'rejected'].includes(options.status)) {
        throw new ValidationError(`unknown status ${options.status}`, [
          { field: '--status', value: options.status, reason: 'must be pending, accepted or rejected' },
        ]);
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new ValidationError('--limit must be a whole number from 1 to 1000', [
          { field: '--limit', value: options.limit, reason: 'out of range' },
        ]);
      }
      const page = await withContext('review list', (ctx) =>
        reviewQueue(ctx.db, { status: options.status as 'pending', kind: options.kind, limit }),
      );
      if (format === 'json') return printJson(page);
      printTable(
        page.facts.map((f) => ({
          id: f.id,
          kind: f.kind,
          version: f.version,
          document: f.document.id,
          quote: f.quote.length > 80 ? `${f.quote.slice(0, 77)}…` : f.quote,
        })),
        ['id', 'kind', 'version', 'document', 'quote'],
      );
    });

  review
    .command('show')
    .description('one fact with its sentence in the document')
    .argument('<id>', 'fact id')
    .option('--format <format>', 'json or table', 'table')
    .action(async (id: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const item = await withContext('review show', (ctx) => getFact(ctx.db, factId(id)));
      if (format === 'json') return printJson(item);
      process.stdout.write(`${describeFact(item)}\n`);
    });

  review
    .command('accept')
    .description('accept a fact, optionally with fields edited (the proposal is kept)')
    .argument('<id>', 'fact id')
    .option('--set <field=value...>', 'replace a field, e.g. --set value=4500000000 --set bound=over')
    .option('--as <name>', 'who decides (default: your user name)')
    .option('--expect-version <n>', 'the version you reviewed; refused if the fact changed since')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        id: string,
        options: { set?: string[]; as?: string; expectVersion?: string; format: string },
      ) => {
        const format = parseFormat(options.format);
        const edited = parseEdits(options.set ?? []);
        const view = await decideFromCli('review accept', id, options.expectVersion, (version) => ({
          action: 'accept',
          version,
          reviewer: cliActor(options.as),
          edited,
        }));
        if (format === 'json') return printJson(view);
        process.stdout.write(
          `fact ${view.id} accepted by ${view.decided_by}${view.applied ? ' and recorded' : ''}\n`,
        );
      },
    );

  review
    .command('reject')
    .description('reject a fact with a reason')
    .argument('<id>', 'fact id')
    .requiredOption('--reason <text>', 'why it is wrong')
    .option('--as <name>', 'who decides (default: your user name)')
    .option('--expect-version <n>', 'the version you reviewed; refused if the fact changed since')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        id: string,
        options: { reason: string; as?: string; expectVersion?: string; format: string },
      ) => {
        const format = parseFormat(options.format);
        const view = await decideFromCli('review reject', id, options.expectVersion, (version) => ({
          action: 'reject',
          version,
          reviewer: cliActor(options.as),
          reason: options.reason,
        }));
        if (format === 'json') return printJson(view);
        process.stdout.write(`fact ${view.id} rejected by ${view.decided_by}\n`);
      },
    );
}

/** Decides on a fact at the version the user reviewed, or at its current version when none is given. */
function decideFromCli(
  command: string,
  id: string,
  expectVersion: string | undefined,
  decision: (version: number) => Decision,
) {
  return withContext(command, async (ctx) => {
    const fid = factId(id);
    const version = expectVersion ? Number(expectVersion) : (await getFact(ctx.db, fid)).version;
    return decideFact(ctx.db, fid, decision(version));
  });
}

function factId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1)
    throw new ValidationError(`not a fact id: ${text}`, [
      { field: 'id', value: text, reason: 'must be a positive whole number' },
    ]);
  return id;
}
