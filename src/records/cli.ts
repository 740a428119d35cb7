// Commands of records: `keruen records list|show|history`, `keruen import records KIND FILE`,
// `keruen export DIR` and `keruen import package DIR`.
import type { Command } from 'commander';
import {
  countryCodes,
  fileProgress,
  parseFormat,
  printJson,
  printTable,
  rejectionLine,
  wholeNumber,
  withContext,
} from '../cli/index.js';
import { ValidationError } from '../errors.js';
import { openCsvFile } from '../lib/index.js';
import { importRecords } from './import.js';
import { exportPackage, importPackage, type PackageReport } from './package.js';
import { getRecord, type KindRegistry, kindOf, listRecords, recordHistory } from './service.js';

function kindArgument(registry: KindRegistry, name: string) {
  const spec = registry.find(name);
  if (!spec)
    throw new ValidationError(`no kind of record is called ${name}`, [
      {
        field: 'kind',
        value: name,
        reason: `must be one of ${registry.kinds.map((k) => k.kind).join(', ')}`,
      },
    ]);
  return spec;
}

function printPackageReport(report: PackageReport, verb: string, format: string): void {
  if (parseFormat(format) === 'json') {
    printJson(report);
    return;
  }
  const total = Object.values(report.tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`${verb} ${total} rows (${report.directory})\n`);
  for (const [table, n] of Object.entries(report.tables))
    if (n > 0) process.stdout.write(`  ${table}: ${n}\n`);
}

export function registerRecordCommands(
  program: Command,
  importCommand: Command,
  registry: KindRegistry,
): void {
  const kinds = registry.kinds.map((k) => k.kind).join(', ');
  const records = program.command('records').description('records of cooperation and transport');

  records
    .command('list')
    .description('list records of one kind, newest first')
    .argument('<kind>', kinds)
    .option('--country <codes>', 'only records concerning all these countries, e.g. KZ,KG')
    .option('--q <words>', 'words in the name, title or text')
    .option('--limit <n>', 'how many', '50')
    .option('--format <format>', 'json or table', 'table')
    .action(
      async (kind: string, options: { country?: string; q?: string; limit: string; format: string }) => {
        const spec = kindArgument(registry, kind);
        const format = parseFormat(options.format);
        const limit = wholeNumber(options.limit, '--limit', 1);
        const countries = countryCodes(options.country);
        const page = await withContext('records list', (ctx) =>
          listRecords(ctx.db, spec, { countries, q: options.q, limit: Math.min(limit, 1000) }),
        );
        if (format === 'json') return printJson(page);
        printTable(
          page.results.map((r) => ({ ...r, countries: r.countries.join(','), sources: r.sources.length })),
          ['id', 'dated', 'countries', 'label', 'sources'],
        );
      },
    );

  records
    .command('show')
    .description('one record with its sources and links')
    .argument('<id>', 'its id')
    .option('--format <format>', 'json or table', 'table')
    .action(async (id: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const recordId = wholeNumber(id, 'id', 1);
      const record = await withContext('records show', async (ctx) =>
        getRecord(ctx.db, registry.get(await kindOf(ctx.db, recordId)), recordId),
      );
      if (format === 'json') return printJson(record);
      const { sources, links, ...rest } = record;
      for (const [key, value] of Object.entries(rest))
        if (value !== null && !(Array.isArray(value) && value.length === 0))
          process.stdout.write(
            `${key.padEnd(16)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}\n`,
          );
      for (const s of sources)
        process.stdout.write(
          `source           ${s.citation ? `${s.citation.publisher}, ${s.citation.published}: ${s.citation.title}${s.citation.url ? ` <${s.citation.url}>` : ''}` : `fact ${s.fact_id} of document ${s.document_id}: “${s.quote}”`}\n`,
        );
      for (const l of links)
        process.stdout.write(
          `link             ${l.direction === 'out' ? '→' : '←'} ${l.relation} ${l.kind} ${l.id}: ${l.label}\n`,
        );
    });

  records
    .command('history')
    .description('every write of a record: who, when, before and after')
    .argument('<id>', 'its id')
    .option('--format <format>', 'json or table', 'table')
    .action(async (id: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const recordId = wholeNumber(id, 'id', 1);
      const history = await withContext('records history', async (ctx) =>
        recordHistory(ctx.db, registry.get(await kindOf(ctx.db, recordId)), recordId),
      );
      if (format === 'json') return printJson(history);
      printTable(history as unknown as Record<string, unknown>[], [
        'version',
        'action',
        'actor',
        'changed_at',
      ]);
    });

  importCommand
    .command('records')
    .description('import records of one kind from a CSV or XLSX file (one column per field)')
    .argument('<kind>', kinds)
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--format <format>', 'json or table', 'table')
    .action(async (kind: string, file: string, options: { format: string }) => {
      const spec = kindArgument(registry, kind);
      const format = parseFormat(options.format);
      const source = openCsvFile(file);
      const report = await withContext('import records', async (ctx) => {
        const progress = fileProgress(spec.plural, source.size);
        try {
          return await importRecords(ctx.db, registry, spec, source, { file, actor: 'import' });
        } finally {
          progress.stop();
        }
      });
      if (format === 'json') return printJson(report);
      process.stdout.write(
        `${report.rows} rows read: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} problems\n`,
      );
      for (const r of report.rejected.slice(0, 50)) process.stdout.write(rejectionLine(r));
      if (report.rejected.length > 50)
        process.stdout.write(`  … and ${report.rejected.length - 50} more (--format json lists them)\n`);
    });

  importCommand
    .command('package')
    .description('restore a package written by `keruen export` into an empty database')
    .argument('<dir>', 'the package folder (with datapackage.json)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (dir: string, options: { format: string }) => {
      parseFormat(options.format);
      const report = await withContext('import package', (ctx) => importPackage(ctx.db, registry.kinds, dir));
      printPackageReport(report, 'restored', options.format);
    });

  program
    .command('export')
    .description('export every record with its links, sources and history as a Frictionless Data Package')
    .argument('<dir>', 'the folder to write (created when missing)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (dir: string, options: { format: string }) => {
      parseFormat(options.format);
      const report = await withContext('export', (ctx) => exportPackage(ctx.db, registry.kinds, dir));
      printPackageReport(report, 'exported', options.format);
    });
}
