import type { Command } from 'commander';
import {
  cliActor,
  fileProgress,
  parseFormat,
  printJson,
  printTable,
  rejectionLine,
  wholeNumber,
  withContext,
  writeLines,
} from '../cli/index.js';
import { ValidationError } from '../errors.js';
import { openCsvFile } from '../lib/index.js';
import { generateProducerRows, PRODUCER_HEADER } from './generate.js';
import { importProducers } from './import.js';
import { matchProducers } from './match.js';
import { matchRequestSchema, searchQuerySchema } from './model.js';
import { duplicateCandidates, getProducer, mergeProducers, searchProducers } from './service.js';

const positiveInt = (value: string, flag: string) => wholeNumber(value, flag, 1);

function issuesOf(
  error: { issues: { path: PropertyKey[]; message: string }[] },
  flags: Record<string, string>,
) {
  return error.issues.map((i) => ({
    field: flags[String(i.path[0])] ?? `--${String(i.path[0])}`,
    reason: i.message,
  }));
}

export function registerProducerCommands(
  program: Command,
  importCommand: Command,
  demoCommand: Command,
): void {
  importCommand
    .command('producers')
    .description('import producers from a CSV or XLSX file (columns of producers.md)')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--chunk <rows>', 'rows per transaction: fewer redo less after a crash, more go faster', '20000')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, options: { format: string; chunk: string }) => {
      const format = parseFormat(options.format);
      const chunkRows = positiveInt(options.chunk, '--chunk');
      const source = openCsvFile(file);
      const report = await withContext('import producers', async (ctx) => {
        const progress = fileProgress('producers', source.size);
        try {
          return await importProducers(ctx.database, source, {
            file,
            chunkRows,
            onBytes: (b) => progress.update(b),
            onChunk: (rows) => ctx.logger.debug({ rows }, 'chunk committed'),
            onIndexesDeferred: (indexes) =>
              ctx.logger.info(
                { indexes },
                'the registry is smaller than the file: its indexes are built at the end',
              ),
          });
        } finally {
          progress.stop();
        }
      });
      if (format === 'json') {
        const { rows: _rows, ...summary } = report;
        return printJson(summary);
      }
      process.stdout.write(
        `${report.rows} rows read: ${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} problems\n`,
      );
      for (const r of report.rejected.slice(0, 50)) process.stdout.write(rejectionLine(r));
      if (report.rejected.length > 50)
        process.stdout.write(`  … and ${report.rejected.length - 50} more (--format json lists them)\n`);
      for (const w of report.warnings) process.stdout.write(`  warning: ${w.reason}\n`);
    });

  const search = program.command('search').description('search the registers');
  search
    .command('producers')
    .description('find producers by name (any script), product words or HS code')
    .argument('[query]', 'words in any script, e.g. "Шымкентцемент", "copper cathode"', '')
    .option('--country <codes>', 'only these countries, e.g. KZ or KZ,UZ')
    .option('--hs <prefix>', 'only producers of this HS chapter, heading or subheading')
    .option('--region <name>', 'only this region or city (any spelling)')
    .option('--market <code>', 'only producers already exporting to this country')
    .option('--certification <name>', 'only producers with this certification')
    .option('--same-script', 'match only names written in the script of the query')
    .option('--limit <n>', 'how many results', '10')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        q: string,
        options: {
          country?: string;
          hs?: string;
          region?: string;
          market?: string;
          certification?: string;
          sameScript?: boolean;
          limit: string;
          format: string;
        },
      ) => {
        const format = parseFormat(options.format);
        const parsed = searchQuerySchema.safeParse({
          q,
          country: options.country,
          hs: options.hs,
          region: options.region,
          market: options.market,
          certification: options.certification,
          same_script: options.sameScript ?? false,
          limit: options.limit,
        });
        if (!parsed.success)
          throw new ValidationError(
            'the search is not valid',
            issuesOf(parsed.error, { same_script: '--same-script' }),
          );
        const result = await withContext('search producers', (ctx) => searchProducers(ctx.db, parsed.data));
        if (format === 'json')
          return printJson({
            total: result.total,
            results: result.results,
            facets: result.facets,
            ignored_words: result.ignored_words,
          });
        printTable(
          result.results.map((r) => ({
            id: r.id,
            name: r.name,
            country: r.country,
            city: r.city ?? '',
            hs: r.hs_codes.join(' '),
            score: r.score.toFixed(3),
            why: r.matched.map((m) => `${m.field}: ${m.value.slice(0, 40)}`).join('; '),
          })),
          ['id', 'name', 'country', 'city', 'hs', 'score', 'why'],
        );
        process.stdout.write(`${result.total}${result.total_is_lower_bound ? '+' : ''} found\n`);
        if (result.ignored_words.length > 0)
          process.stdout.write(
            `nothing matched every word; searched without: ${result.ignored_words.join(', ')}\n`,
          );
      },
    );

  const producers = program.command('producers').description('the producers registry');
  producers
    .command('show')
    .description('one producer with all its names and sources')
    .argument('<id>', 'the producer’s id')
    .option('--format <format>', 'json or table', 'table')
    .action(async (id: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const producer = await withContext('producers show', (ctx) =>
        getProducer(ctx.db, positiveInt(id, 'id')),
      );
      if (format === 'json') return printJson(producer);
      process.stdout.write(
        `${producer.name} (${producer.country}${producer.city ? `, ${producer.city}` : ''}), version ${producer.version}\n` +
          producer.other_names.map((n) => `  also: ${n.name}${n.lang ? ` [${n.lang}]` : ''}\n`).join('') +
          `  HS: ${producer.hs_codes.join(', ') || '—'}\n  products: ${producer.products ?? '—'}\n` +
          `  exports to: ${producer.export_markets.join(', ') || '—'}\n` +
          producer.sources.map((s) => `  source: ${s.kind} ${s.reference}\n`).join(''),
      );
    });

  producers
    .command('duplicates')
    .description('candidate duplicates: same website or phone, or similar names in one city')
    .option('--country <code>', 'only this country')
    .option('--limit <n>', 'how many pairs', '50')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { country?: string; limit: string; format: string }) => {
      const format = parseFormat(options.format);
      const result = await withContext('producers duplicates', (ctx) =>
        duplicateCandidates(ctx.db, {
          country: options.country?.toUpperCase(),
          limit: positiveInt(options.limit, '--limit'),
        }),
      );
      if (format === 'json') return printJson(result);
      printTable(
        result.items.map((d) => ({
          first: `${d.a.id} ${d.a.name}`,
          second: `${d.b.id} ${d.b.name}`,
          country: d.country,
          reason: d.reason,
          similarity: d.similarity.toFixed(2),
        })),
        ['first', 'second', 'country', 'reason', 'similarity'],
      );
    });

  producers
    .command('merge')
    .description('merge producer FROM into producer INTO, keeping every name and source')
    .argument('<into>', 'the producer that stays')
    .argument('<from>', 'the producer merged into it')
    .requiredOption('--expect-version <n>', 'the version of INTO you reviewed (as shown by producers show)')
    .option('--as <name>', 'who merges (default: the system user)')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (into: string, from: string, options: { expectVersion: string; as?: string; format: string }) => {
        const format = parseFormat(options.format);
        const merged = await withContext('producers merge', (ctx) =>
          mergeProducers(
            ctx.db,
            positiveInt(into, 'into'),
            positiveInt(from, 'from'),
            positiveInt(options.expectVersion, '--expect-version'),
            cliActor(options.as),
          ),
        );
        if (format === 'json') return printJson(merged);
        process.stdout.write(`merged ${from} into ${merged.id}: ${merged.name}, version ${merged.version}\n`);
      },
    );

  program
    .command('match')
    .description('producers for a buyer’s request, ranked with the reasons')
    .argument('[product]', 'the product in words, e.g. "copper cathode"')
    .option('--hs <code>', 'the product as an HS code')
    .option('--to <country>', 'where it is to be delivered')
    .option('--quantity <text>', 'how much, e.g. "500 t"')
    .option('--certification <names>', 'required certifications, comma-separated')
    .option('--limit <n>', 'how many producers', '10')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (
        product: string | undefined,
        options: {
          hs?: string;
          to?: string;
          quantity?: string;
          certification?: string;
          limit: string;
          format: string;
        },
      ) => {
        const format = parseFormat(options.format);
        const parsed = matchRequestSchema.safeParse({
          product,
          hs: options.hs,
          destination: options.to?.toUpperCase(),
          quantity: options.quantity,
          certifications: options.certification ? options.certification.split(',').map((c) => c.trim()) : [],
          limit: positiveInt(options.limit, '--limit'),
        });
        if (!parsed.success)
          throw new ValidationError(
            'the request is not valid',
            issuesOf(parsed.error, { destination: '--to' }),
          );
        const result = await withContext('match', (ctx) => matchProducers(ctx.db, parsed.data));
        if (format === 'json') return printJson(result);
        printTable(
          result.results.map((r) => ({
            id: r.id,
            name: r.name,
            country: r.country,
            score: r.score.toFixed(2),
            reasons: r.reasons.map((x) => x.detail).join('; '),
          })),
          ['id', 'name', 'country', 'score', 'reasons'],
        );
      },
    );

  demoCommand
    .command('producers')
    .description('write a synthetic registry in the layout of producers.md (deterministic for a seed)')
    .option('--count <n>', 'number of producers', '1000')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { count: string; seed: string; out?: string }) => {
      const count = wholeNumber(options.count, '--count', 1);
      const seed = wholeNumber(options.seed, '--seed');
      await writeLines(PRODUCER_HEADER, generateProducerRows(count, seed), options.out);
    });
}
