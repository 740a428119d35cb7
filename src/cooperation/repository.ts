// SQL of cooperation views: bodies by members and type, the meeting a document reported, project sums,
// overdue commitments.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ProjectGroupRow {
  countries: string[];
  status: string;
  sector: string | null;
  currency: string | null;
  count: number;
  value: string | null;
  jobs: number | null;
}

export class CooperationRepository {
  constructor(private readonly db: Executor) {}

  /** Live bodies with exactly these members and this type. */
  async bodiesOf(countries: string[], type: string): Promise<number[]> {
    const result = await sql<{ id: number }>`
      select r.id from coop_record r join body b on b.id = r.id
      where r.kind = 'body' and r.deleted_at is null and b.type = ${type}
        and r.countries @> ${countries}::bpchar[] and r.countries <@ ${countries}::bpchar[]
      order by r.id`.execute(this.db);
    return result.rows.map((r) => r.id);
  }

  /** The live meeting a fact of this document became, if any. */
  async meetingOfDocument(documentId: number): Promise<number | undefined> {
    const result = await sql<{ id: number }>`
      select r.id from coop_record r
        join coop_source s on s.record_id = r.id
        join fact f on f.id = s.fact_id
      where r.kind = 'meeting' and r.deleted_at is null and f.document_id = ${documentId}
      order by r.id limit 1`.execute(this.db);
    return result.rows[0]?.id;
  }

  /** Live project records grouped by countries, status, sector and currency, within the filters. */
  async projectGroups(filters: {
    countries: string[];
    status?: string;
    sector?: string;
  }): Promise<ProjectGroupRow[]> {
    const result = await sql<ProjectGroupRow>`
      select r.countries::text[] as countries, p.status, p.sector, p.currency, count(*)::int as count,
        sum(p.value)::text as value, sum(p.jobs)::int as jobs
      from coop_record r join project p on p.id = r.id
      where r.kind = 'project' and r.deleted_at is null
        and r.countries @> ${filters.countries}::bpchar[]
        ${filters.status ? sql`and p.status = ${filters.status}` : sql``}
        ${filters.sector ? sql`and p.sector = ${filters.sector}` : sql``}
      group by r.countries, p.status, p.sector, p.currency
      order by 1, 2, 3, 4`.execute(this.db);
    return result.rows;
  }

  /** Ids of live commitments due before `asOf` and neither done nor dropped, soonest due first. */
  async overdueCommitments(asOf: string, countries: string[]): Promise<number[]> {
    const result = await sql<{ id: number }>`
      select r.id from coop_record r join commitment c on c.id = r.id
      where r.kind = 'commitment' and r.deleted_at is null and c.due_on < ${asOf}::date
        and c.status not in ('done', 'dropped') and r.countries @> ${countries}::bpchar[]
      order by c.due_on, r.id limit 1000`.execute(this.db);
    return result.rows.map((r) => r.id);
  }
}
