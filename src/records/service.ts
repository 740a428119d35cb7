// Linked records: create, read, list, update with a version, delete, history; the upsert by natural key
// that imports and reviewed facts go through. Each write is one transaction that also records who made
// it and the record before and after.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { ConflictError, type Issue, NotFoundError, ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../lib/index.js';
import {
  canonical,
  type Fields,
  type KindSpec,
  type LinkInput,
  type LinkView,
  type RecordInput,
  type RecordView,
  type RefReader,
  type SourceInput,
  type SourceView,
} from './model.js';
import { type CommonRow, type CommonValues, type ListFilters, RecordRepository } from './repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The kinds a deployment knows, by name and by path. */
export class KindRegistry {
  private readonly byKind = new Map<string, KindSpec>();
  private readonly byPath = new Map<string, KindSpec>();
  constructor(readonly kinds: readonly KindSpec[]) {
    for (const spec of kinds) {
      this.byKind.set(spec.kind, spec);
      this.byPath.set(spec.path, spec);
    }
  }
  get(kind: string): KindSpec {
    const spec = this.byKind.get(kind);
    if (!spec) throw new NotFoundError(`no kind of record is called ${kind}`);
    return spec;
  }
  find(kindOrPath: string): KindSpec | undefined {
    return this.byKind.get(kindOrPath) ?? this.byPath.get(kindOrPath);
  }
}

/** Reads the fields of records a key or derived value points to, once per id. */
function refReader(db: Executor, registry: KindRegistry): RefReader {
  const cache = new Map<string, Fields | undefined>();
  return async (kind, id) => {
    const key = `${kind}:${id}`;
    if (!cache.has(key)) {
      const row = await new RecordRepository(db).get(registry.get(kind), id);
      cache.set(
        key,
        row && row.deleted_at === null
          ? { ...fieldsOf(registry.get(kind), row), countries: row.countries }
          : undefined,
      );
    }
    return cache.get(key);
  };
}

/** The kind's fields of a stored row, numbers as numbers. */
function fieldsOf(spec: KindSpec, row: Fields): Fields {
  const out: Fields = {};
  for (const field of spec.fields) {
    const value = row[field.name];
    out[field.name] =
      field.type === 'number' && value !== null && value !== undefined ? Number(value) : (value ?? null);
  }
  return out;
}

async function derive(
  db: Executor,
  registry: KindRegistry,
  spec: KindSpec,
  input: RecordInput,
): Promise<CommonValues> {
  const given = [...new Set(input.countries ?? [])].sort();
  const derived = await spec.derive(input.fields, { countries: given, refs: refReader(db, registry) });
  return {
    natural_key: derived.natural_key,
    label: derived.label.slice(0, 500),
    countries: [...new Set([...given, ...derived.countries])].sort(),
    dated: derived.dated,
  };
}

/** Refs, link targets and fact sources must name live records and stored facts. */
async function checkReferences(
  db: Executor,
  registry: KindRegistry,
  spec: KindSpec,
  input: RecordInput,
  self?: number,
) {
  const repo = new RecordRepository(db);
  const issues: Issue[] = [];
  for (const field of spec.fields) {
    const id = input.fields[field.name];
    if (field.type !== 'ref' || id === null || id === undefined) continue;
    const target = await repo.get(registry.get(field.ref!), id as number);
    if (!target || target.deleted_at !== null)
      issues.push({
        field: field.name,
        value: id,
        reason: `no ${registry.get(field.ref!).title} has this id`,
      });
  }
  const links = input.links ?? [];
  const live = await repo.liveIds(links.map((l) => l.to));
  links.forEach((link, i) => {
    if (link.to === self)
      issues.push({ field: `links[${i}].to`, value: link.to, reason: 'a record cannot link to itself' });
    else if (!live.has(link.to))
      issues.push({ field: `links[${i}].to`, value: link.to, reason: 'no record has this id' });
  });
  for (const [i, source] of input.sources.entries()) {
    if ('fact_id' in source && !(await repo.factExists(source.fact_id)))
      issues.push({ field: `sources[${i}].fact_id`, value: source.fact_id, reason: 'no fact has this id' });
  }
  if (issues.length > 0)
    throw new ValidationError(`the ${spec.title} points to records that do not exist`, issues);
}

/** What the history keeps of a record: its fields, countries, links and sources. */
async function snapshot(db: Executor, spec: KindSpec, id: number): Promise<Record<string, unknown>> {
  const view = (await views(db, spec, [id]))[0]!;
  return {
    ...fieldsOf(spec, view),
    countries: view.countries,
    links: view.links.filter((l) => l.direction === 'out').map((l) => ({ to: l.id, relation: l.relation })),
    sources: view.sources.map((s) =>
      s.fact_id !== null ? { fact_id: s.fact_id } : { citation: s.citation },
    ),
  };
}

async function views(db: Executor, spec: KindSpec, ids: number[]): Promise<RecordView[]> {
  const repo = new RecordRepository(db);
  const rows = await repo.getMany(spec, ids);
  return assemble(repo, spec, rows);
}

async function assemble(
  repo: RecordRepository,
  spec: KindSpec,
  rows: (CommonRow & Fields)[],
): Promise<RecordView[]> {
  const ids = rows.map((r) => r.id);
  const sources = new Map<number, SourceView[]>();
  for (const s of await repo.sources(ids)) {
    const list = sources.get(s.record_id) ?? [];
    list.push({
      id: s.id,
      fact_id: s.fact_id,
      document_id: s.document_id,
      quote: s.quote,
      citation: s.citation,
      added_at: s.added_at,
    });
    sources.set(s.record_id, list);
  }
  const links = new Map<number, LinkView[]>();
  for (const l of await repo.links(ids)) {
    const list = links.get(l.record_id) ?? [];
    list.push({
      id: l.other_id,
      kind: l.other_kind,
      label: l.other_label,
      relation: l.relation,
      direction: l.direction,
    });
    links.set(l.record_id, list);
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      label: row.label,
      countries: row.countries,
      dated: row.dated,
      version: row.version,
      created_at: row.created_at,
      updated_at: row.updated_at,
      ...fieldsOf(spec, row),
      sources: sources.get(row.id) ?? [],
      links: links.get(row.id) ?? [],
    }));
}

export async function getRecord(db: Executor, spec: KindSpec, id: number): Promise<RecordView> {
  const row = await new RecordRepository(db).get(spec, id);
  if (!row || row.deleted_at !== null) throw new NotFoundError(`no ${spec.title} has the id ${id}`);
  return (await views(db, spec, [id]))[0]!;
}

/** The kind of a record, whatever it is (for links that name only an id). */
export async function kindOf(db: Executor, id: number): Promise<string> {
  const row = await new RecordRepository(db).common(id);
  if (!row || row.deleted_at !== null) throw new NotFoundError(`no record has the id ${id}`);
  return row.kind;
}

export interface ListQuery {
  countries?: string[];
  equals?: Record<string, string | number>;
  q?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const isCursor = (v: unknown): v is [string | null, number] =>
  Array.isArray(v) && v.length === 2 && (v[0] === null || typeof v[0] === 'string') && Number.isInteger(v[1]);

export async function listRecords(
  db: Executor,
  spec: KindSpec,
  query: ListQuery,
): Promise<{ results: RecordView[]; next_cursor: string | null }> {
  const filters: ListFilters = {
    countries: query.countries ?? [],
    equals: [],
    q: query.q,
    from: query.from,
    to: query.to,
  };
  for (const [name, value] of Object.entries(query.equals ?? {})) {
    const field = spec.fields.find((f) => f.name === name && f.filter);
    if (!field)
      throw new ValidationError(`${spec.plural} cannot be filtered by ${name}`, [
        { field: name, reason: 'not a filter' },
      ]);
    filters.equals.push({ field, value });
  }
  const after = query.cursor ? decodeCursor(query.cursor, isCursor) : undefined;
  const repo = new RecordRepository(db);
  const rows = await repo.list(spec, filters, after && { dated: after[0], id: after[1] }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    results: await assemble(repo, spec, page),
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.dated, last.id]) : null,
  };
}

async function writeParts(repo: RecordRepository, id: number, input: RecordInput): Promise<boolean> {
  let added = false;
  for (const source of input.sources) added = (await repo.addSource(id, source as SourceInput)) || added;
  return added;
}

/** Creates a record; a live record with the same natural key is a conflict naming it. */
export async function createRecord(
  db: Kysely<DB>,
  registry: KindRegistry,
  spec: KindSpec,
  input: RecordInput,
  actor: string,
): Promise<RecordView> {
  return db.transaction().execute(async (trx) => {
    input = completed(spec, input, undefined);
    await checkReferences(trx, registry, spec, input);
    const common = await derive(trx, registry, spec, input);
    const repo = new RecordRepository(trx);
    await repo.lockKey(spec.kind, common.natural_key);
    const existing = await repo.idByNaturalKey(spec.kind, common.natural_key);
    if (existing !== undefined)
      throw new ConflictError(`this ${spec.title} is already recorded (id ${existing})`, {
        existing_id: existing,
      });
    const id = await insertNew(trx, spec, common, input, actor);
    return (await views(trx, spec, [id]))[0]!;
  });
}

/** The input with what the kind adds on every write (a commitment's status history). */
function completed(spec: KindSpec, input: RecordInput, stored: Fields | undefined): RecordInput {
  return spec.onWrite ? { ...input, fields: spec.onWrite(input.fields, stored, today()) } : input;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function insertNew(
  trx: Executor,
  spec: KindSpec,
  common: CommonValues,
  input: RecordInput,
  actor: string,
) {
  const repo = new RecordRepository(trx);
  const id = await repo.insert(spec, common, input.fields);
  await repo.replaceLinks(id, input.links ?? []);
  await writeParts(repo, id, input);
  await repo.addHistory({
    record_id: id,
    version: 1,
    action: 'create',
    actor,
    before: null,
    after: await snapshot(trx, spec, id),
  });
  return id;
}

/** Replaces a record's fields (and links, when given) if `version` is current; a stale version is a 409. */
export async function updateRecord(
  db: Kysely<DB>,
  registry: KindRegistry,
  spec: KindSpec,
  id: number,
  version: number,
  input: RecordInput,
  actor: string,
  action: 'update' | 'restore' = 'update',
): Promise<RecordView> {
  return db.transaction().execute(async (trx) => {
    const repo = new RecordRepository(trx);
    const current = await repo.get(spec, id);
    // A restore may bring a deleted record back; an update may not touch one.
    if (!current || (current.deleted_at !== null && action !== 'restore'))
      throw new NotFoundError(`no ${spec.title} has the id ${id}`);
    input = completed(spec, input, fieldsOf(spec, current));
    await checkReferences(trx, registry, spec, input, id);
    const common = await derive(trx, registry, spec, input);
    await repo.lockKey(spec.kind, common.natural_key);
    const other = await repo.idByNaturalKey(spec.kind, common.natural_key);
    if (other !== undefined && other !== id)
      throw new ConflictError(`another ${spec.title} is recorded with these details (id ${other})`, {
        existing_id: other,
      });
    const before = current.deleted_at === null ? await snapshot(trx, spec, id) : null;
    const next = await repo.update(spec, id, version, common, input.fields, action === 'restore');
    if (next === undefined)
      throw new ConflictError(
        `${spec.title} ${id} was changed by someone else (it is at version ${current.version})`,
        {
          current_version: current.version,
        },
      );
    if (input.links) await repo.replaceLinks(id, input.links);
    await writeParts(repo, id, input);
    await repo.addHistory({
      record_id: id,
      version: next,
      action,
      actor,
      before,
      after: await snapshot(trx, spec, id),
    });
    return (await views(trx, spec, [id]))[0]!;
  });
}

/**
 * Writes a record back as it was at an earlier version (its fields, countries and links; sources stay, as
 * they only accumulate), bringing it back if it was deleted. The restore is a new version, recorded in the
 * history as such.
 */
export async function restoreRecord(
  db: Kysely<DB>,
  registry: KindRegistry,
  spec: KindSpec,
  id: number,
  toVersion: number,
  expected: number,
  actor: string,
): Promise<RecordView> {
  const entry = (await recordHistory(db, spec, id)).find((h) => h.version === toVersion && h.after !== null);
  if (!entry)
    throw new NotFoundError(
      `version ${toVersion} of ${spec.title} ${id} is not in its history (or was its deletion)`,
    );
  const snapshot = entry.after as Record<string, unknown>;
  const fields: Fields = {};
  for (const field of spec.fields) fields[field.name] = snapshot[field.name] ?? null;
  return updateRecord(
    db,
    registry,
    spec,
    id,
    expected,
    {
      fields,
      countries: snapshot.countries as string[],
      sources: [],
      links: (snapshot.links as LinkInput[] | undefined) ?? [],
    },
    actor,
    'restore',
  );
}

export async function deleteRecord(
  db: Kysely<DB>,
  spec: KindSpec,
  id: number,
  version: number,
  actor: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const repo = new RecordRepository(trx);
    const current = await repo.get(spec, id);
    if (!current || current.deleted_at !== null) throw new NotFoundError(`no ${spec.title} has the id ${id}`);
    const before = await snapshot(trx, spec, id);
    const next = await repo.softDelete(id, version);
    if (next === undefined)
      throw new ConflictError(
        `${spec.title} ${id} was changed by someone else (it is at version ${current.version})`,
        {
          current_version: current.version,
        },
      );
    await repo.addHistory({ record_id: id, version: next, action: 'delete', actor, before, after: null });
  });
}

export async function recordHistory(db: Executor, spec: KindSpec, id: number) {
  const repo = new RecordRepository(db);
  const row = await repo.get(spec, id);
  if (!row) throw new NotFoundError(`no ${spec.title} has the id ${id}`);
  return repo.history(id);
}

export type UpsertMode = 'replace' | 'fill';
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes an input by its natural key inside the caller's transaction: a new record, or the existing one
 * updated. `replace` (a file row) takes every field as given; `fill` (a reviewed fact) only sets fields
 * the record does not have yet. Sources and links are added, never removed. Nothing changes when the
 * input brings nothing new.
 */
export async function upsertRecord(
  trx: Executor,
  registry: KindRegistry,
  spec: KindSpec,
  input: RecordInput,
  actor: string,
  mode: UpsertMode,
): Promise<{ id: number; outcome: UpsertOutcome }> {
  await checkReferences(trx, registry, spec, input);
  const common = await derive(trx, registry, spec, input);
  const repo = new RecordRepository(trx);
  await repo.lockKey(spec.kind, common.natural_key);
  const existing = await repo.idByNaturalKey(spec.kind, common.natural_key);
  if (existing === undefined)
    return { id: await insertNew(trx, spec, common, input, actor), outcome: 'created' };

  const row = (await repo.get(spec, existing))!;
  const stored = fieldsOf(spec, row);
  const fields: Fields = {};
  for (const field of spec.fields) {
    const given = input.fields[field.name];
    const carried = input.given === undefined || input.given.has(field.name);
    fields[field.name] =
      mode === 'replace'
        ? carried
          ? given
          : stored[field.name]
        : isEmpty(stored[field.name])
          ? given
          : stored[field.name];
  }
  const merged: RecordInput = {
    fields: completed(spec, { fields, sources: [] }, stored).fields,
    countries: [...new Set([...row.countries, ...(input.countries ?? [])])],
    sources: input.sources,
    links: input.links,
  };
  const next = await derive(trx, registry, spec, merged);
  const before = await snapshot(trx, spec, existing);
  const outLinks = new Set((before.links as LinkInput[]).map((l) => `${l.to}:${l.relation}`));
  const newLinks = (input.links ?? []).filter((l) => !outLinks.has(`${l.to}:${l.relation}`));
  for (const link of newLinks) await repo.addLink(existing, link.to, link.relation);
  const sourcesAdded = await writeParts(repo, existing, merged);
  const fieldsChanged =
    canonical(fieldsOf(spec, merged.fields)) !== canonical(stored) ||
    next.countries.join() !== row.countries.join() ||
    next.label !== row.label ||
    next.dated !== row.dated;
  if (!fieldsChanged && !sourcesAdded && newLinks.length === 0) return { id: existing, outcome: 'unchanged' };
  const version = await repo.update(spec, existing, row.version, next, merged.fields);
  await repo.addHistory({
    record_id: existing,
    version: version!,
    action: 'update',
    actor,
    before,
    after: await snapshot(trx, spec, existing),
  });
  return { id: existing, outcome: 'updated' };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** Records of the given kinds that concern every one of `countries`, newest first. */
export async function recordsConcerning(db: Executor, kinds: string[], countries: string[], limit: number) {
  return new RecordRepository(db).concerning(kinds, countries, limit);
}

/** Full views of records of one kind by id (for views that join kinds). */
export async function recordViews(db: Executor, spec: KindSpec, ids: number[]): Promise<RecordView[]> {
  return views(db, spec, ids);
}

/** The columns of a kind's table, sorted (to check a description against the schema). */
export async function kindTableColumns(db: Executor, spec: KindSpec): Promise<string[]> {
  return (await new RecordRepository(db).tableColumns(spec.table)).sort();
}
