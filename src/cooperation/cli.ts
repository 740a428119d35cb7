// `keruen cooperation PAIR`, `keruen projects rollup`, `keruen commitments overdue`.
import type { Command } from 'commander';
import { countryCodes, parseFormat, printJson, printTable, withContext } from '../cli/index.js';
import { ValidationError } from '../errors.js';
import type { KindRegistry, RecordView } from '../records/index.js';
import { overdueCommitments, PAIR_SECTIONS, pairCooperation, parsePair, projectRollup } from './service.js';

function sourceNote(record: RecordView): string {
  const s = record.sources[0];
  if (!s) return '';
  return s.citation ? `${s.citation.publisher} ${s.citation.published}` : `fact ${s.fact_id}`;
}

export function registerCooperationCommands(program: Command, registry: KindRegistry): void {
  program
    .command('cooperation')
    .description("a pair's meetings, documents signed, commitments, projects, infrastructure and checkpoints")
    .argument('<pair>', 'two ISO2 codes, e.g. KZ-KG')
    .option('--format <format>', 'json or table', 'table')
    .action(async (pair: string, options: { format: string }) => {
      const format = parseFormat(options.format);
      const countries = parsePair(pair);
      const view = await withContext('cooperation', (ctx) => pairCooperation(ctx.db, registry, countries));
      if (format === 'json') return printJson(view);
      for (const section of Object.keys(PAIR_SECTIONS) as (keyof typeof PAIR_SECTIONS)[]) {
        const rows = view[section] ?? [];
        if (rows.length === 0) continue;
        process.stdout.write(`\n${section.replace('_', ' ')} (${rows.length})\n`);
        printTable(
          rows.map((r) => ({
            id: r.id,
            date: r.dated ?? '',
            status: r.effective_status ?? r.status ?? r.stage ?? r.type ?? '',
            label: r.label,
            source: sourceNote(r),
          })),
          ['id', 'date', 'status', 'label', 'source'],
        );
      }
    });

  program
    .command('projects')
    .description('joint projects')
    .command('rollup')
    .description('project records summed by pair, status or sector, beside the portfolios as stated')
    .option('--by <dimension>', 'pair, status or sector', 'status')
    .option('--country <codes>', 'only projects concerning all these countries, e.g. KZ,UZ')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { by: string; country?: string; format: string }) => {
      const format = parseFormat(options.format);
      if (!['pair', 'status', 'sector'].includes(options.by))
        throw new ValidationError('--by must be pair, status or sector', [
          { field: '--by', value: options.by, reason: 'not a dimension' },
        ]);
      const rollup = await withContext('projects rollup', (ctx) =>
        projectRollup(ctx.db, registry, {
          by: options.by as 'pair',
          countries: countryCodes(options.country),
        }),
      );
      if (format === 'json') return printJson(rollup);
      const money = (v: Record<string, number>) =>
        Object.entries(v)
          .map(([c, n]) => `${c} ${n.toLocaleString('en')}`)
          .join('; ');
      printTable(
        [...rollup.groups, rollup.total].map((g) => ({ ...g, value: money(g.value) })),
        ['key', 'count', 'value', 'jobs'],
      );
      if (rollup.stated.length > 0) {
        process.stdout.write('\nportfolios as stated\n');
        printTable(
          rollup.stated.map((p) => ({ date: p.dated, label: p.label, source: sourceNote(p) })),
          ['date', 'label', 'source'],
        );
      }
    });

  program
    .command('commitments')
    .description('commitments')
    .command('overdue')
    .description('commitments past their due date that are neither done nor dropped')
    .option('--as-of <date>', 'the day to judge by (default: today)')
    .option('--country <codes>', 'only commitments concerning all these countries')
    .option('--format <format>', 'json or table', 'table')
    .action(async (options: { asOf?: string; country?: string; format: string }) => {
      const format = parseFormat(options.format);
      if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
        throw new ValidationError('--as-of must be a date, YYYY-MM-DD', [
          { field: '--as-of', value: options.asOf, reason: 'not a date' },
        ]);
      const overdue = await withContext('commitments overdue', (ctx) =>
        overdueCommitments(ctx.db, registry, options.asOf, countryCodes(options.country)),
      );
      if (format === 'json') return printJson(overdue);
      printTable(
        overdue.results.map((r) => ({ id: r.id, due: r.due_on, status: r.effective_status, label: r.label })),
        ['id', 'due', 'status', 'label'],
      );
    });
}
