// Loads the demo trade data (figures and targets stated in the corpus, with citations) once.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/index.js';
import { recordReportedFigure, recordTarget } from '../reported.js';
import { CORPUS_TRADE } from './corpus-figures.js';

/** Records every demo figure and target; figures already recorded with the same citation are skipped. */
export async function loadTradeDemo(db: Kysely<DB>): Promise<{ figures: number; targets: number }> {
  let figures = 0;
  let targets = 0;
  for (const entry of CORPUS_TRADE) {
    if (entry.kind === 'figure') {
      await recordReportedFigure(db, entry, { citation: entry.source }, 'demo');
      figures++;
      continue;
    }
    const source = { ...entry.source, demo: true };
    const existing = await sql<{ n: number }>`
      select count(*)::int as n from trade_target where source = ${JSON.stringify(source)}::jsonb and value = ${entry.value}::numeric`.execute(
      db,
    );
    if ((existing.rows[0]?.n ?? 0) > 0) continue;
    await recordTarget(
      db,
      { ...entry, statedOn: entry.source.published, reporter: null, source },
      null,
      'demo',
    );
    targets++;
  }
  return { figures, targets };
}
