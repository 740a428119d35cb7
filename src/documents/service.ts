// Documents and the review queue: ingest a document (stored once by its content hash, facts pending),
// list pending facts with their sentence in context, accept (optionally edited) or reject. An accepted
// trade fact becomes a reported figure or a target in the same transaction, linked to its source.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../auth/index.js';
import { applyCooperationFact } from '../cooperation/index.js';
import type { DB } from '../db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import {
  EXTRACTOR_VERSION,
  extractFacts,
  type Fact,
  factSchema,
  isCalendarDate,
  parseDocument,
} from '../extraction/index.js';
import { RECORD_KINDS } from '../kinds.js';
import { decodeCursor, encodeCursor } from '../lib/index.js';
import { recordReportedFigure, recordTarget } from '../trade/index.js';
import { DocumentRepository, type DocumentRow, type FactRow } from './repository.js';

export type FactStatus = 'pending' | 'accepted' | 'rejected';

export interface FactView {
  id: number;
  document_id: number;
  kind: string;
  status: FactStatus;
  /** The fact as it stands: the proposal with the reviewer's edits over it. */
  fact: Record<string, unknown>;
  proposed: Record<string, unknown>;
  edited: Record<string, unknown> | null;
  quote: string;
  span: [number, number];
  confidence: number;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  applied: boolean;
  version: number;
}

export interface DocumentSummary {
  id: number;
  external_id: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string;
  language: string | null;
  ingested_at: string;
  facts: { pending: number; accepted: number; rejected: number };
}

export interface DocumentDetail extends Omit<DocumentSummary, 'facts'> {
  body: string;
  front_matter: Record<string, unknown>;
  extractor_version: string;
  facts: FactView[];
}

export function toFactView(row: FactRow): FactView {
  return {
    id: row.id,
    document_id: row.document_id,
    kind: row.kind,
    status: row.status as FactStatus,
    fact: { ...row.proposed, ...(row.edited ?? {}) },
    proposed: row.proposed,
    edited: row.edited,
    quote: row.quote,
    span: [row.span_start, row.span_end],
    confidence: row.confidence,
    decided_by: row.decided_by,
    decided_at: row.decided_at ? row.decided_at.toISOString() : null,
    reason: row.reason,
    applied: row.applied_at !== null,
    version: row.version,
  };
}

function toDetail(doc: DocumentRow, facts: FactRow[]): DocumentDetail {
  return {
    id: doc.id,
    external_id: doc.external_id,
    title: doc.title,
    url: doc.url,
    publisher: doc.publisher,
    published: doc.published,
    language: doc.language,
    ingested_at: doc.ingested_at.toISOString(),
    body: doc.body,
    front_matter: doc.front_matter,
    extractor_version: doc.extractor_version,
    facts: facts.map(toFactView),
  };
}

/** Largest document accepted for ingestion, in characters. */
export const MAX_DOCUMENT_CHARS = 5_000_000;

/**
 * Stores a document and its facts (pending) in one transaction, unless the same content was ingested
 * before; the audit log keeps who stored it. `name` (a file name without extension) names a document
 * without an `id` in its front matter; `today` dates one without `published`.
 */
export async function ingestDocument(
  db: Kysely<DB>,
  text: string,
  name: string,
  today: string,
  actor: string,
): Promise<{ created: boolean; document: DocumentDetail }> {
  if (text.trim() === '')
    throw new ValidationError('the document is empty', [{ field: 'content', reason: 'must not be empty' }]);
  if (text.length > MAX_DOCUMENT_CHARS) {
    throw new ValidationError('the document is too long', [
      { field: 'content', reason: `must be at most ${MAX_DOCUMENT_CHARS} characters` },
    ]);
  }
  const hash = createHash('sha256').update(text).digest('hex');
  const existing = await new DocumentRepository(db).findByHash(hash);
  if (existing) {
    return {
      created: false,
      document: toDetail(existing, await new DocumentRepository(db).factsOfDocument(existing.id)),
    };
  }
  const parsed = parseDocument(text, name, today);
  const stated = parsed.frontMatter.published;
  const statedText =
    stated instanceof Date
      ? stated.toISOString().slice(0, 10)
      : stated === undefined || stated === null
        ? ''
        : String(stated).trim();
  if (statedText !== '' && !isCalendarDate(statedText))
    throw new ValidationError('the front matter’s published date is not a date', [
      { field: 'published', value: statedText, reason: 'must be a date, YYYY-MM-DD' },
    ]);
  const facts = extractFacts(parsed.body, parsed.meta);
  return db.transaction().execute(async (trx) => {
    const repo = new DocumentRepository(trx);
    const id = await repo.insertDocument({
      content_hash: hash,
      external_id: parsed.id,
      title: parsed.meta.title ?? null,
      url: parsed.meta.url ?? null,
      publisher: parsed.meta.publisher ?? null,
      published: parsed.meta.published,
      language: parsed.meta.language ?? null,
      front_matter: JSON.parse(JSON.stringify(parsed.frontMatter)) as Record<string, unknown>,
      body: parsed.body,
      extractor_version: EXTRACTOR_VERSION,
    });
    if (id === undefined) {
      // Another process stored the same content a moment ago.
      const other = (await repo.findByHash(hash))!;
      return { created: false, document: toDetail(other, await repo.factsOfDocument(other.id)) };
    }
    await repo.insertFacts(
      facts.map((f, ordinal) => {
        const { span, quote, confidence, ...proposed } = f;
        return {
          document_id: id,
          ordinal,
          kind: f.kind,
          proposed,
          span_start: span[0],
          span_end: span[1],
          quote,
          confidence,
        };
      }),
    );
    const stored = (await repo.findDocument(id))!;
    await writeAudit(trx, {
      entity: 'document',
      entity_id: id,
      version: 1,
      action: 'create',
      actor,
      before: null,
      after: {
        external_id: stored.external_id,
        title: stored.title,
        publisher: stored.publisher,
        published: stored.published,
        content_hash: hash,
        facts: facts.length,
      },
    });
    return { created: true, document: toDetail(stored, await repo.factsOfDocument(id)) };
  });
}

function isDocCursor(value: unknown): value is { published: string; id: number } {
  const v = value as { published?: unknown; id?: unknown } | undefined;
  return (
    typeof v?.published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.published) && Number.isInteger(v.id)
  );
}

/** Documents, newest first, with the count of their facts by status. */
export async function listDocuments(
  db: Kysely<DB>,
  query: { cursor?: string; limit?: number },
): Promise<{ documents: DocumentSummary[]; next_cursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor, isDocCursor) : undefined;
  const rows = await new DocumentRepository(db).listDocuments(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    documents: page.map((d) => ({
      id: d.id,
      external_id: d.external_id,
      title: d.title,
      url: d.url,
      publisher: d.publisher,
      published: d.published,
      language: d.language,
      ingested_at: d.ingested_at.toISOString(),
      facts: { pending: d.pending, accepted: d.accepted, rejected: d.rejected },
    })),
    next_cursor:
      rows.length > limit && last ? encodeCursor({ published: last.published, id: last.id }) : null,
  };
}

export async function getDocument(db: Kysely<DB>, id: number): Promise<DocumentDetail> {
  const repo = new DocumentRepository(db);
  const doc = await repo.findDocument(id);
  if (!doc) throw new NotFoundError(`no document has the id ${id}`);
  return toDetail(doc, await repo.factsOfDocument(id));
}

export interface ReviewItem extends FactView {
  document: {
    id: number;
    title: string | null;
    publisher: string | null;
    published: string;
    url: string | null;
  };
  /** The text around the fact: what comes before, the quote, what comes after. */
  context: { before: string; quote: string; after: string };
}

const CONTEXT_CHARS = 240;

function withContext(row: FactRow, doc: DocumentRow): ReviewItem {
  const before = doc.body.slice(Math.max(0, row.span_start - CONTEXT_CHARS), row.span_start);
  const after = doc.body.slice(row.span_end, row.span_end + CONTEXT_CHARS);
  return {
    ...toFactView(row),
    document: {
      id: doc.id,
      title: doc.title,
      publisher: doc.publisher,
      published: doc.published,
      url: doc.url,
    },
    context: { before, quote: doc.body.slice(row.span_start, row.span_end), after },
  };
}

/** Facts waiting for a decision (or of another status), oldest first, with their text in context. */
export async function reviewQueue(
  db: Kysely<DB>,
  query: { status?: 'pending' | 'accepted' | 'rejected'; kind?: string; cursor?: string; limit?: number },
): Promise<{ facts: ReviewItem[]; next_cursor: string | null }> {
  const repo = new DocumentRepository(db);
  const limit = query.limit ?? 20;
  const after = query.cursor
    ? decodeCursor(query.cursor, (v): v is { id: number } => Number.isInteger((v as { id?: unknown })?.id)).id
    : undefined;
  const rows = await repo.listFacts(query.status ?? 'pending', query.kind, after, limit + 1);
  const page = rows.slice(0, limit);
  const docs = new Map(
    (await repo.documentsByIds([...new Set(page.map((r) => r.document_id))])).map((d) => [d.id, d]),
  );
  const last = page.at(-1);
  return {
    facts: page.map((r) => withContext(r, docs.get(r.document_id)!)),
    next_cursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

export async function getFact(db: Kysely<DB>, id: number): Promise<ReviewItem> {
  const repo = new DocumentRepository(db);
  const row = await repo.findFact(id);
  if (!row) throw new NotFoundError(`no fact has the id ${id}`);
  const doc = (await repo.findDocument(row.document_id))!;
  return withContext(row, doc);
}

export type Decision =
  | { action: 'accept'; version: number; reviewer: string; edited?: Record<string, unknown> }
  | { action: 'reject'; version: number; reviewer: string; reason: string };

/** Checks an edited fact against the contract of its kind; the kind itself cannot be edited. */
function checkEdited(row: FactRow, edited: Record<string, unknown>): Fact {
  if ('kind' in edited && edited.kind !== row.kind) {
    throw new ValidationError('the kind of a fact cannot be edited', [
      { field: 'edited.kind', value: edited.kind, reason: `must stay ${row.kind}` },
    ]);
  }
  const candidate = {
    ...row.proposed,
    ...edited,
    kind: row.kind,
    span: [row.span_start, row.span_end],
    quote: row.quote,
    confidence: row.confidence,
  };
  const parsed = factSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new ValidationError(
      'the edited fact is not valid',
      parsed.error.issues.map((i) => ({ field: `edited.${i.path.join('.')}`, reason: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Decides on a fact, if it is still at `version` (else ConflictError with the current version). An
 * accepted trade fact becomes a reported figure or a target, in the same transaction.
 */
export async function decideFact(db: Kysely<DB>, id: number, decision: Decision): Promise<FactView> {
  return db.transaction().execute(async (trx) => {
    const repo = new DocumentRepository(trx);
    const current = await repo.findFact(id);
    if (!current) throw new NotFoundError(`no fact has the id ${id}`);
    let fact: Fact | undefined;
    if (decision.action === 'accept') fact = checkEdited(current, decision.edited ?? {});
    if (decision.action === 'reject' && decision.reason.trim() === '') {
      throw new ValidationError('a rejection needs a reason', [
        { field: 'reason', reason: 'must not be empty' },
      ]);
    }
    const updated = await repo.decide(id, decision.version, {
      status: decision.action === 'accept' ? 'accepted' : 'rejected',
      edited:
        decision.action === 'accept' && decision.edited && Object.keys(decision.edited).length > 0
          ? decision.edited
          : null,
      decided_by: decision.reviewer,
      reason: decision.action === 'reject' ? decision.reason.trim() : null,
    });
    if (!updated) {
      throw new ConflictError(
        `fact ${id} was changed by someone else (it is at version ${current.version})`,
        {
          current_version: current.version,
        },
      );
    }
    if (fact && (await applyFact(trx, updated, fact, decision.reviewer))) await repo.markApplied(id);
    return toFactView((await repo.findFact(id))!);
  });
}

/** Turns an accepted fact into the record it states; returns whether a record was made. */
async function applyFact(trx: Transaction<DB>, row: FactRow, fact: Fact, actor: string): Promise<boolean> {
  if (fact.kind === 'trade_turnover') {
    await recordReportedFigure(trx, fact, { factId: row.id }, actor);
    return true;
  }
  if (fact.kind === 'trade_target') {
    const doc = (await new DocumentRepository(trx).findDocument(row.document_id))!;
    await recordTarget(
      trx,
      {
        ...fact,
        statedOn: doc.published,
        source: {
          document_id: doc.id,
          fact_id: row.id,
          title: doc.title,
          publisher: doc.publisher,
          url: doc.url,
          published: doc.published,
          quote: row.quote,
        },
      },
      row.id,
      actor,
    );
    return true;
  }
  const doc = (await new DocumentRepository(trx).findDocument(row.document_id))!;
  return applyCooperationFact(
    trx,
    RECORD_KINDS,
    fact,
    { factId: row.id, documentId: doc.id, published: doc.published, language: doc.language },
    actor,
  );
}

export async function reviewCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  return new DocumentRepository(db).countByStatus();
}
