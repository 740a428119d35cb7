// Targets people state, as editable records: created from the API, the CLI or an accepted fact; changed
// and deleted with the version they read (If-Match); every write in the audit log with its actor, before
// and after; an admin can write one back as it was at an earlier version, deleted or not.
import type { Kysely } from 'kysely';
import { auditEventsOf, writeAudit } from '../auth/index.js';
import type { DB } from '../db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { getBloc } from '../reference/index.js';
import { checkCountry, type TargetWithProgress, targetsWithProgress } from './monitor.js';
import type { Horizon } from './progress.js';
import {
  recordTarget,
  type StatedTarget,
  scopeKey,
  type TradeScope,
  targetSnapshot,
  targetValues,
} from './reported.js';
import { TradeRepository } from './repository.js';

export interface NewTarget {
  scope: TradeScope;
  flow: 'turnover' | 'exports';
  from?: string | null;
  to?: string | null;
  value: number;
  currency: string;
  /** How the target was worded: exact (default), over, under, about. */
  bound?: string;
  by?: string | null;
  horizon?: Horizon | null;
  stated_on: string;
  reporter?: string | null;
  source?: Record<string, unknown>;
}

export interface TargetChange {
  at: string;
  version: number;
  action: string;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Checks a target a person entered, against the reference data; the target as it will be stored. */
async function checked(db: Kysely<DB>, input: NewTarget): Promise<StatedTarget> {
  if ((input.by ?? null) === null && (input.horizon ?? null) === null) {
    throw new ValidationError('a target needs a year (by) or a horizon', [
      { field: 'by', reason: 'give by or horizon' },
    ]);
  }
  let scope = input.scope;
  if ('countries' in scope) {
    const codes = [];
    for (const c of scope.countries) codes.push(await checkCountry(db, c));
    if (codes.length !== 2 || codes[0] === codes[1]) {
      throw new ValidationError('a pair needs two different countries', [
        { field: 'scope.countries', value: scope.countries, reason: 'give two different countries' },
      ]);
    }
    scope = { countries: codes.sort() };
    if (input.reporter && !codes.includes(await checkCountry(db, input.reporter))) {
      throw new ValidationError('the reporter must be one of the pair', [
        { field: 'reporter', value: input.reporter, reason: 'not one of the two countries' },
      ]);
    }
  } else {
    const group = scope.group;
    await getBloc(db, group).catch(() => {
      throw new ValidationError(`unknown bloc ${group}`, [
        { field: 'scope.group', value: group, reason: 'not a bloc code' },
      ]);
    });
  }
  return {
    scope,
    flow: input.flow,
    from: input.from ?? undefined,
    to: input.to ?? undefined,
    value: input.value,
    currency: input.currency,
    bound: input.bound ?? 'exact',
    by: input.by ?? null,
    horizon: input.horizon ?? null,
    statedOn: input.stated_on,
    reporter: input.reporter ?? null,
    source: input.source ?? {},
  };
}

async function withProgress(db: Kysely<DB>, scope: TradeScope, id: number): Promise<TargetWithProgress> {
  const all = await targetsWithProgress(db, scopeKey(scope));
  return all.find((t) => t.id === id)!;
}

/** Records a target entered by a person (CLI or API). */
export async function createTarget(
  db: Kysely<DB>,
  input: NewTarget,
  actor: string,
): Promise<TargetWithProgress> {
  const target = await checked(db, input);
  const id = await db.transaction().execute((trx) => recordTarget(trx, target, null, actor));
  return withProgress(db, target.scope, id);
}

/** One live target with its progress. */
export async function getTarget(db: Kysely<DB>, id: number): Promise<TargetWithProgress> {
  const row = await new TradeRepository(db).target(id);
  if (!row || row.deleted) throw new NotFoundError(`no target has the id ${id}`);
  return withProgress(db, targetSnapshot(row).scope as TradeScope, id);
}

function stale(id: number, current: number): ConflictError {
  return new ConflictError(`target ${id} was changed by someone else (it is at version ${current})`, {
    current_version: current,
  });
}

/** Replaces a target's values if `version` is current (a stale version is a 409). A target from a fact keeps
 * its fact. `restore` also brings a deleted target back. */
export async function updateTarget(
  db: Kysely<DB>,
  id: number,
  version: number,
  input: NewTarget,
  actor: string,
  action: 'update' | 'restore' = 'update',
): Promise<TargetWithProgress> {
  const target = await checked(db, input);
  await db.transaction().execute(async (trx) => {
    const repo = new TradeRepository(trx);
    const current = await repo.target(id);
    if (!current || (current.deleted && action !== 'restore'))
      throw new NotFoundError(`no target has the id ${id}`);
    const next = await repo.updateTarget(id, version, targetValues(target), action === 'restore');
    if (next === undefined) throw stale(id, current.version);
    await writeAudit(trx, {
      entity: 'target',
      entity_id: id,
      version: next,
      action,
      actor,
      before: current.deleted ? null : targetSnapshot(current),
      after: targetSnapshot((await repo.target(id))!),
    });
  });
  return withProgress(db, target.scope, id);
}

/** Deletes a target (If-Match: its version); it leaves every list, and its history stays. */
export async function deleteTarget(
  db: Kysely<DB>,
  id: number,
  version: number,
  actor: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const repo = new TradeRepository(trx);
    const current = await repo.target(id);
    if (!current || current.deleted) throw new NotFoundError(`no target has the id ${id}`);
    const next = await repo.deleteTarget(id, version);
    if (next === undefined) throw stale(id, current.version);
    await writeAudit(trx, {
      entity: 'target',
      entity_id: id,
      version: next,
      action: 'delete',
      actor,
      before: targetSnapshot(current),
      after: null,
    });
  });
}

/** Every write of a target, oldest first: who, when, before and after. */
export async function targetHistory(db: Kysely<DB>, id: number): Promise<TargetChange[]> {
  const repo = new TradeRepository(db);
  if (!(await repo.target(id))) throw new NotFoundError(`no target has the id ${id}`);
  return (await auditEventsOf(db, 'target', id)).map(({ at, version, action, actor, before, after }) => ({
    at,
    version,
    action,
    actor,
    before,
    after,
  }));
}

/** Writes a target back as it was at an earlier version (If-Match: its current version), as a new version. */
export async function restoreTarget(
  db: Kysely<DB>,
  id: number,
  toVersion: number,
  expected: number,
  actor: string,
): Promise<TargetWithProgress> {
  const entry = (await targetHistory(db, id)).find((h) => h.version === toVersion && h.after !== null);
  if (!entry)
    throw new NotFoundError(
      `version ${toVersion} of target ${id} is not in its history (or was its deletion)`,
    );
  return updateTarget(db, id, expected, entry.after as unknown as NewTarget, actor, 'restore');
}
