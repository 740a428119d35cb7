// SQL of documents and their facts, one statement per method.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface DocumentRow {
  id: number;
  content_hash: string;
  external_id: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string;
  language: string | null;
  front_matter: Record<string, unknown>;
  body: string;
  extractor_version: string;
  ingested_at: Date;
}

export interface FactRow {
  id: number;
  document_id: number;
  ordinal: number;
  kind: string;
  proposed: Record<string, unknown>;
  span_start: number;
  span_end: number;
  quote: string;
  confidence: number;
  status: string;
  edited: Record<string, unknown> | null;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  applied_at: Date | null;
  version: number;
}

export type NewFact = Omit<
  FactRow,
  'id' | 'status' | 'edited' | 'decided_by' | 'decided_at' | 'reason' | 'applied_at' | 'version'
>;

const FACT_COLUMNS = [
  'id',
  'document_id',
  'ordinal',
  'kind',
  'proposed',
  'span_start',
  'span_end',
  'quote',
  'confidence',
  'status',
  'edited',
  'decided_by',
  'decided_at',
  'reason',
  'applied_at',
  'version',
] as const;

export class DocumentRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts a document unless one with the same content hash exists; returns the new id or undefined. */
  async insertDocument(row: Omit<DocumentRow, 'id' | 'ingested_at'>): Promise<number | undefined> {
    const inserted = await this.db
      .insertInto('document')
      .values({ ...row, front_matter: JSON.stringify(row.front_matter) })
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  }

  async findByHash(hash: string): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('document').selectAll().where('content_hash', '=', hash).executeTakeFirst();
  }

  async findDocument(id: number): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('document').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertFacts(rows: NewFact[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('fact')
      .values(rows.map((r) => ({ ...r, proposed: JSON.stringify(r.proposed) })))
      .execute();
  }

  /** Documents newest first, after the keyset (published, id). */
  async listDocuments(
    after: { published: string; id: number } | undefined,
    limit: number,
  ): Promise<
    (Omit<DocumentRow, 'body' | 'front_matter'> & { pending: number; accepted: number; rejected: number })[]
  > {
    let query = this.db
      .selectFrom('document as d')
      .select([
        'd.id',
        'd.content_hash',
        'd.external_id',
        'd.title',
        'd.url',
        'd.publisher',
        'd.published',
        'd.language',
        'd.extractor_version',
        'd.ingested_at',
        sql<number>`(select count(*) from fact f where f.document_id = d.id and f.status = 'pending')::int`.as(
          'pending',
        ),
        sql<number>`(select count(*) from fact f where f.document_id = d.id and f.status = 'accepted')::int`.as(
          'accepted',
        ),
        sql<number>`(select count(*) from fact f where f.document_id = d.id and f.status = 'rejected')::int`.as(
          'rejected',
        ),
      ])
      .orderBy('d.published', 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('d.published', '<', after.published),
          eb.and([eb('d.published', '=', after.published), eb('d.id', '<', after.id)]),
        ]),
      );
    }
    return query.execute();
  }

  async factsOfDocument(documentId: number): Promise<FactRow[]> {
    return this.db
      .selectFrom('fact')
      .select(FACT_COLUMNS)
      .where('document_id', '=', documentId)
      .orderBy('ordinal')
      .execute();
  }

  async findFact(id: number): Promise<FactRow | undefined> {
    return this.db.selectFrom('fact').select(FACT_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Facts of a status (and kind), oldest first, after the keyset id. */
  async listFacts(
    status: string,
    kind: string | undefined,
    afterId: number | undefined,
    limit: number,
  ): Promise<FactRow[]> {
    let query = this.db
      .selectFrom('fact')
      .select(FACT_COLUMNS)
      .where('status', '=', status)
      .orderBy('id')
      .limit(limit);
    if (kind) query = query.where('kind', '=', kind);
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    return query.execute();
  }

  async documentsByIds(ids: number[]): Promise<DocumentRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('document').selectAll().where('id', 'in', ids).orderBy('id').execute();
  }

  /** Records a decision if the fact is still at `version`; returns the updated row, or undefined when stale. */
  async decide(
    id: number,
    version: number,
    decision: {
      status: 'accepted' | 'rejected';
      edited: Record<string, unknown> | null;
      decided_by: string;
      reason: string | null;
    },
  ): Promise<FactRow | undefined> {
    return this.db
      .updateTable('fact')
      .set({
        status: decision.status,
        edited: decision.edited === null ? null : JSON.stringify(decision.edited),
        decided_by: decision.decided_by,
        decided_at: new Date(),
        reason: decision.reason,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(FACT_COLUMNS)
      .executeTakeFirst();
  }

  async markApplied(id: number): Promise<void> {
    await this.db.updateTable('fact').set({ applied_at: new Date() }).where('id', '=', id).execute();
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('fact')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
