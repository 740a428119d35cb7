// Commands of the trade monitor: `keruen import trade`, `keruen targets`, `keruen demo trade`.
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
import { countryResolver } from '../reference/index.js';
import { GENERATED_HEADER, generateTradeRows } from './generate.js';
import { targetsWithProgress } from './monitor.js';
import { importTrade } from './official-import.js';
import { createTarget } from './targets.js';

function pct(x: number | null): string {
  return x === null ? '' : `${(x * 100).toFixed(1)}%`;
}

export function registerTradeCommands(program: Command, importCommand: Command, demoCommand: Command): void {
  importCommand
    .command('trade')
    .description(
      'import official trade statistics (columns period, reporterISO, partnerISO, flowCode, cmdCode, primaryValue)',
    )
    .argument('<file>', 'CSV file in the Comtrade-like layout of trade.md')
    .option('--source <name>', 'name of the statistics (the dataset), e.g. "UN Comtrade"', 'official')
    .option('--chunk <rows>', 'rows per transaction: fewer redo less after a crash, more go faster', '100000')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, options: { source: string; format: string; chunk: string }) => {
      const format = parseFormat(options.format);
      const chunkRows = Number(options.chunk);
      if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 10_000_000)
        throw new ValidationError(
          `--chunk must be a whole number of rows from 1 to 10000000, not ${options.chunk}`,
          [{ field: 'chunk', value: options.chunk, reason: 'must be a whole number from 1 to 10000000' }],
        );
      const source = openCsvFile(file);
      const report = await withContext('import trade', async (ctx) => {
        const resolve = await countryResolver(ctx.db);
        const progress = fileProgress('trade rows', source.size);
        try {
          return await importTrade(ctx.database, source, {
            dataset: options.source,
            file,
            chunkRows,
            resolve,
            onBytes: (b) => progress.update(b),
            onBatch: (rows) => ctx.logger.debug({ rows }, 'chunk committed'),
          });
        } finally {
          progress.stop();
        }
      });
      if (format === 'json') return printJson(report);
      process.stdout.write(
        `${report.rows} rows read: ${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected\n`,
      );
      for (const r of report.rejected.slice(0, 50)) process.stdout.write(rejectionLine(r));
      if (report.rejected.length > 50)
        process.stdout.write(`  … and ${report.rejected.length - 50} more (--format json lists them)\n`);
    });

  const targets = program
    .command('targets')
    .description('trade targets and their progress')
    .option('--scope <scope>', 'only one pair (KZ-UZ) or bloc (EAEU)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { scope?: string; format: string }) => {
      const format = parseFormat(options.format);
      const scope = options.scope ? normalizeScope(options.scope) : undefined;
      const list = await withContext('targets', (ctx) => targetsWithProgress(ctx.db, scope));
      if (format === 'json') return printJson({ targets: list });
      printTable(
        list.map((t) => ({
          id: t.id,
          scope: 'group' in t.scope ? t.scope.group : t.scope.countries.join('-'),
          value: `${t.value} ${t.currency}`,
          by: t.by ?? (t.horizon ? `${t.horizon} (${t.target_year})` : ''),
          stated: t.stated_on,
          latest: t.latest ? `${t.latest.year}: ${t.latest.value} (${t.latest.kind})` : '',
          progress: pct(t.progress),
          required: pct(t.required_cagr),
          trend: pct(t.trend_cagr),
          projected: t.projected_year ?? '',
          status: t.status,
        })),
        [
          'id',
          'scope',
          'value',
          'by',
          'stated',
          'latest',
          'progress',
          'required',
          'trend',
          'projected',
          'status',
        ],
      );
    });

  targets
    .command('add')
    .description('record a target someone stated')
    .option('--countries <a,b>', 'the pair, e.g. KZ,UZ')
    .option('--group <bloc>', 'or a bloc, e.g. CENTRAL_ASIA')
    .requiredOption('--value <number>', 'the target value, e.g. 10000000000')
    .option('--currency <code>', 'ISO 4217', 'USD')
    .option('--by <year>', 'the year by which it is to be reached')
    .option('--horizon <horizon>', 'short, medium or long (3, 5 or 10 years from the statement)')
    .requiredOption('--stated-on <date>', 'when it was stated, YYYY-MM-DD')
    .option('--reporter <code>', 'judge it by this country’s statistics')
    .option('--source <text>', 'who stated it and where')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (options: {
        countries?: string;
        group?: string;
        value: string;
        currency: string;
        by?: string;
        horizon?: string;
        statedOn: string;
        reporter?: string;
        source?: string;
        format: string;
      }) => {
        const format = parseFormat(options.format);
        const issues = [];
        if (!options.countries === !options.group)
          issues.push({ field: '--countries', reason: 'give either --countries A,B or --group BLOC' });
        const value = Number(options.value);
        if (!Number.isFinite(value) || value <= 0)
          issues.push({ field: '--value', value: options.value, reason: 'must be a positive number' });
        if (options.by !== undefined && !/^\d{4}$/.test(options.by))
          issues.push({ field: '--by', value: options.by, reason: 'must be a year' });
        if (options.horizon !== undefined && !['short', 'medium', 'long'].includes(options.horizon)) {
          issues.push({
            field: '--horizon',
            value: options.horizon,
            reason: 'must be short, medium or long',
          });
        }
        if (options.by === undefined && options.horizon === undefined)
          issues.push({ field: '--by', reason: 'give --by YEAR or --horizon' });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(options.statedOn))
          issues.push({ field: '--stated-on', value: options.statedOn, reason: 'must be YYYY-MM-DD' });
        if (!/^[A-Z]{3}$/.test(options.currency))
          issues.push({ field: '--currency', value: options.currency, reason: 'must be an ISO 4217 code' });
        if (issues.length > 0) throw new ValidationError('the target is not valid', issues);
        const target = await withContext('targets add', (ctx) =>
          createTarget(
            ctx.db,
            {
              scope: options.countries
                ? {
                    countries: options.countries
                      .toUpperCase()
                      .split(',')
                      .map((c) => c.trim()),
                  }
                : { group: options.group!.toUpperCase() },
              flow: 'turnover',
              value,
              currency: options.currency,
              by: options.by ?? null,
              horizon: (options.horizon as 'short' | 'medium' | 'long' | undefined) ?? null,
              stated_on: options.statedOn,
              reporter: options.reporter?.toUpperCase() ?? null,
              source: options.source ? { text: options.source } : {},
            },
            cliActor(),
          ),
        );
        if (format === 'json') return printJson(target);
        process.stdout.write(`target ${target.id} recorded: status ${target.status}\n`);
      },
    );

  demoCommand
    .command('trade')
    .description('write a synthetic trade dataset in the Comtrade-like layout (deterministic for a seed)')
    .option('--rows <n>', 'number of rows', '10000')
    .option('--seed <n>', 'seed of the generator', '1')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { rows: string; seed: string; out?: string }) => {
      const rows = wholeNumber(options.rows, '--rows', 1);
      const seed = wholeNumber(options.seed, '--seed');
      await writeLines(GENERATED_HEADER, generateTradeRows(rows, seed), options.out);
    });
}

/** "kz-uz" → "KZ-UZ" (sorted), "eaeu" → "EAEU". */
export function normalizeScope(scope: string): string {
  const s = scope.trim().toUpperCase();
  return /^[A-Z]{2}-[A-Z]{2}$/.test(s) ? s.split('-').sort().join('-') : s;
}
