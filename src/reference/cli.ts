// Commands of reference data: `keruen import hs FILE.csv`.
import type { Command } from 'commander';
import { fileProgress, parseFormat, printJson, rejectionLine, withContext } from '../cli/index.js';
import { openCsvFile } from '../lib/index.js';
import { HS_BUILTIN_VERSION } from './data/hs-chapters.js';
import { importHs } from './hs-import.js';

export function registerReferenceCommands(importCommand: Command): void {
  importCommand
    .command('hs')
    .description('load the HS nomenclature (columns section, hscode, description, parent, level)')
    .argument('<file>', 'CSV file, e.g. harmonized-system.csv of the HS data package')
    .option('--hs-version <version>', 'nomenclature version the codes belong to', HS_BUILTIN_VERSION)
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, options: { hsVersion: string; format: string }) => {
      const format = parseFormat(options.format);
      const source = openCsvFile(file);
      const report = await withContext('import hs', async (ctx) => {
        const progress = fileProgress('HS codes', source.size);
        try {
          return await importHs(ctx.db, source, {
            version: options.hsVersion,
            onBytes: (b) => progress.update(b),
          });
        } finally {
          progress.stop();
        }
      });
      if (format === 'json') return printJson(report);
      process.stdout.write(
        `${options.hsVersion}: ${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected\n`,
      );
      for (const r of report.rejected) process.stdout.write(rejectionLine(r));
    });
}
