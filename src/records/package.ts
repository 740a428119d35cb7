// `keruen export DIR` and `keruen import package DIR`: every record of cooperation and transport, with
// its links, sources, history, and the documents and facts its sources point to, as a Frictionless Data
// Package (datapackage.json with a table schema per CSV file). Restoring it into an empty database gives
// back every row as it was: the same ids, versions, times and links.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import type { DB } from '../db/index.js';
import { ValidationError } from '../errors.js';
import type { FieldSpec, KindSpec } from './model.js';
import { PackageRepository } from './repository.js';

const PACKAGE_NAME = 'keruen-records';
const PACKAGE_FORMAT = 1;
const PAGE = 1000;
/** How a missing value (SQL null) is written, as PostgreSQL's text format does: an empty cell is an empty text. */
const MISSING = '\\N';

type FrictionlessType =
  | 'string'
  | 'integer'
  | 'number'
  | 'date'
  | 'datetime'
  | 'yearmonth'
  | 'array'
  | 'object'
  | 'geojson';

interface TableField {
  name: string;
  type: FrictionlessType;
  description?: string;
  constraints?: { required?: boolean; enum?: readonly string[] };
}

interface TableResource {
  /** The table, and the resource's name. */
  table: string;
  fields: TableField[];
  foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[];
  /** Whether its id is an identity the database generates (its sequence is set after a restore). */
  identity: boolean;
  /** Its primary key, the order pages are read in (default: id). */
  key?: string[];
  /** A column pointing to another row of the same table, set once all rows are in. */
  selfRef?: string;
}

/** Tables of other capabilities that a package carries, their columns read from the database itself:
 * the producers registry, trade figures and targets stated in documents, and the audit log's events. Official statistics are
 * not carried (they are datasets, imported again from their files). */
const INTROSPECTED: Omit<TableResource, 'fields'>[] = [
  { table: 'trade_reported', identity: true },
  {
    table: 'trade_reported_source',
    identity: true,
    foreignKeys: [
      { fields: 'reported_id', reference: { resource: 'trade_reported', fields: 'id' } },
      { fields: 'fact_id', reference: { resource: 'fact', fields: 'id' } },
    ],
  },
  {
    table: 'trade_target',
    identity: true,
    foreignKeys: [{ fields: 'fact_id', reference: { resource: 'fact', fields: 'id' } }],
  },
  { table: 'producer', identity: true, selfRef: 'merged_into' },
  {
    table: 'producer_name',
    identity: false,
    key: ['producer_id', 'name'],
    foreignKeys: [{ fields: 'producer_id', reference: { resource: 'producer', fields: 'id' } }],
  },
  {
    table: 'producer_source',
    identity: true,
    foreignKeys: [{ fields: 'producer_id', reference: { resource: 'producer', fields: 'id' } }],
  },
  {
    table: 'producer_history',
    identity: true,
    foreignKeys: [{ fields: 'producer_id', reference: { resource: 'producer', fields: 'id' } }],
  },
  // The audit events of targets, reported figures, accounts and tokens (the accounts themselves stay with
  // their installation: passwords and tokens are never exported).
  { table: 'audit_event', identity: true },
];

function sqlType(type: string): FrictionlessType {
  if (type === 'ARRAY') return 'array';
  if (type === 'jsonb' || type === 'json') return 'object';
  if (type.startsWith('timestamp')) return 'datetime';
  if (type === 'date') return 'date';
  if (type === 'integer' || type === 'bigint' || type === 'smallint') return 'integer';
  if (type === 'numeric' || type === 'double precision' || type === 'real') return 'number';
  return 'string';
}

const f = (name: string, type: FrictionlessType, required = false, description?: string): TableField => ({
  name,
  type,
  ...(description ? { description } : {}),
  ...(required ? { constraints: { required: true } } : {}),
});

const COMMON_TABLES: TableResource[] = [
  {
    table: 'document',
    identity: true,
    fields: [
      f('id', 'integer', true),
      f('content_hash', 'string', true, 'sha256 of the file as ingested'),
      f('external_id', 'string', true),
      f('title', 'string'),
      f('url', 'string'),
      f('publisher', 'string'),
      f('published', 'date', true),
      f('language', 'string'),
      f('front_matter', 'object', true),
      f('body', 'string', true),
      f('extractor_version', 'string', true),
      f('ingested_at', 'datetime', true),
    ],
  },
  {
    table: 'fact',
    identity: true,
    foreignKeys: [{ fields: 'document_id', reference: { resource: 'document', fields: 'id' } }],
    fields: [
      f('id', 'integer', true),
      f('document_id', 'integer', true),
      f('ordinal', 'integer', true),
      f('kind', 'string', true),
      f('proposed', 'object', true),
      f('span_start', 'integer', true),
      f('span_end', 'integer', true),
      f('quote', 'string', true),
      f('confidence', 'number', true),
      f('status', 'string', true),
      f('edited', 'object'),
      f('decided_by', 'string'),
      f('decided_at', 'datetime'),
      f('reason', 'string'),
      f('applied_at', 'datetime'),
      f('version', 'integer', true),
    ],
  },
  {
    table: 'coop_record',
    identity: true,
    fields: [
      f('id', 'integer', true),
      f('kind', 'string', true),
      f('natural_key', 'string', true, 'what makes two inputs the same record'),
      f('label', 'string', true),
      f('countries', 'array', true),
      f('dated', 'date'),
      f('version', 'integer', true),
      f('created_at', 'datetime', true),
      f('updated_at', 'datetime', true),
      f('deleted_at', 'datetime'),
    ],
  },
];

const LINK_TABLES: TableResource[] = [
  {
    table: 'coop_link',
    identity: false,
    key: ['from_id', 'to_id', 'relation'],
    foreignKeys: [
      { fields: 'from_id', reference: { resource: 'coop_record', fields: 'id' } },
      { fields: 'to_id', reference: { resource: 'coop_record', fields: 'id' } },
    ],
    fields: [f('from_id', 'integer', true), f('to_id', 'integer', true), f('relation', 'string', true)],
  },
  {
    table: 'coop_source',
    identity: true,
    foreignKeys: [
      { fields: 'record_id', reference: { resource: 'coop_record', fields: 'id' } },
      { fields: 'fact_id', reference: { resource: 'fact', fields: 'id' } },
    ],
    fields: [
      f('id', 'integer', true),
      f('record_id', 'integer', true),
      f('fact_id', 'integer'),
      f('citation', 'object'),
      f('added_at', 'datetime', true),
    ],
  },
  {
    table: 'coop_history',
    identity: true,
    foreignKeys: [{ fields: 'record_id', reference: { resource: 'coop_record', fields: 'id' } }],
    fields: [
      f('id', 'integer', true),
      f('record_id', 'integer', true),
      f('version', 'integer', true),
      f('action', 'string', true),
      f('actor', 'string', true),
      f('changed_at', 'datetime', true),
      f('before', 'object'),
      f('after', 'object'),
    ],
  },
];

function fieldType(field: FieldSpec): FrictionlessType {
  switch (field.type) {
    case 'integer':
    case 'ref':
      return 'integer';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'month':
      return 'yearmonth';
    case 'countries':
    case 'texts':
    case 'hs_codes':
      return 'array';
    case 'json':
      return field.name === 'geometry'
        ? 'geojson'
        : field.json && 'element' in field.json
          ? 'array'
          : 'object';
    default:
      return 'string';
  }
}

function kindResource(spec: KindSpec): TableResource {
  return {
    table: spec.table,
    identity: false,
    foreignKeys: [
      { fields: 'id', reference: { resource: 'coop_record', fields: 'id' } },
      ...spec.fields
        .filter((field) => field.type === 'ref')
        .map((field) => ({ fields: field.name, reference: { resource: field.ref!, fields: 'id' } })),
    ],
    fields: [
      f('id', 'integer', true),
      ...spec.fields.map((field) => ({
        name: field.name,
        type: fieldType(field),
        description: field.describe,
        ...(field.required || field.values
          ? {
              constraints: {
                ...(field.required ? { required: true } : {}),
                ...(field.values ? { enum: field.values } : {}),
              },
            }
          : {}),
      })),
    ],
  };
}

/** Every table of a package, in the order a restore writes them (what a row points to comes first). */
async function packageTables(repo: PackageRepository, kinds: readonly KindSpec[]): Promise<TableResource[]> {
  const introspected: TableResource[] = [];
  for (const table of INTROSPECTED) {
    const columns = await repo.columns(table.table);
    introspected.push({ ...table, fields: columns.map((c) => f(c.name, sqlType(c.type))) });
  }
  return [...COMMON_TABLES, ...kinds.map(kindResource), ...LINK_TABLES, ...introspected];
}

const keyOf = (table: TableResource) => table.key ?? ['id'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface PackageReport {
  directory: string;
  tables: Record<string, number>;
}

/** Writes the package into `directory` (created when missing); existing files of the same names are replaced. */
export async function exportPackage(
  db: Kysely<DB>,
  kinds: readonly KindSpec[],
  directory: string,
): Promise<PackageReport> {
  await mkdir(directory, { recursive: true });
  const repo = new PackageRepository(db);
  const tables = await packageTables(repo, kinds);
  const counts: Record<string, number> = {};
  // One snapshot for all tables, so that a write during the export cannot leave a link without its record.
  await repo.snapshot(async (snap) => {
    for (const table of tables) {
      const names = table.fields.map((field) => field.name);
      const lines: string[] = [Papa.unparse([names], { newline: '\n' })];
      let after: unknown[] | undefined;
      let count = 0;
      for (;;) {
        const rows = await snap.page(table.table, names, keyOf(table), after, PAGE);
        if (rows.length === 0) break;
        lines.push(
          Papa.unparse(
            rows.map((row) => names.map((n) => cell(row[n]))),
            { newline: '\n' },
          ),
        );
        count += rows.length;
        const last = rows.at(-1)!;
        after = keyOf(table).map((k) => last[k]);
        if (rows.length < PAGE) break;
      }
      await writeFile(join(directory, `${table.table}.csv`), `${lines.join('\n')}\n`);
      counts[table.table] = count;
    }
  });
  const descriptor = {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title:
      'Keruen: records of cooperation and transport, producers, trade figures and targets stated, with their sources and history',
    created: new Date().toISOString(),
    keruen: { format: PACKAGE_FORMAT },
    resources: tables.map((table) => ({
      name: table.table,
      path: `${table.table}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: table.fields,
        missingValues: [MISSING],
        primaryKey: keyOf(table),
        ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
      },
    })),
  };
  await writeFile(join(directory, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  return { directory, tables: counts };
}

/**
 * Restores a package into a database that holds no records and no documents yet, in one transaction:
 * a failure at any point leaves the database as it was, and the same command can be run again.
 */
export async function importPackage(
  db: Kysely<DB>,
  kinds: readonly KindSpec[],
  directory: string,
): Promise<PackageReport> {
  const descriptorPath = join(directory, 'datapackage.json');
  let descriptor: {
    name?: string;
    keruen?: { format?: number };
    resources?: { name: string; path: string }[];
  };
  try {
    descriptor = JSON.parse(await readFile(descriptorPath, 'utf8'));
  } catch (error) {
    throw new ValidationError(`cannot read ${descriptorPath}: ${(error as Error).message}`, [
      { field: 'datapackage.json', reason: 'missing or not JSON' },
    ]);
  }
  if (descriptor.name !== PACKAGE_NAME || descriptor.keruen?.format !== PACKAGE_FORMAT)
    throw new ValidationError(`${directory} is not a package written by keruen export`, [
      {
        field: 'datapackage.json',
        value: descriptor.name,
        reason: `name must be ${PACKAGE_NAME}, format ${PACKAGE_FORMAT}`,
      },
    ]);
  const tables = await packageTables(new PackageRepository(db), kinds);
  const paths = new Map((descriptor.resources ?? []).map((r) => [r.name, r.path]));
  const data = new Map<string, Record<string, unknown>[]>();
  for (const table of tables) {
    const path = paths.get(table.table);
    if (!path)
      throw new ValidationError(`the package has no resource ${table.table}`, [
        { field: 'resources', reason: `${table.table} missing` },
      ]);
    if (path.includes('..') || path.startsWith('/'))
      throw new ValidationError(`resource ${table.table} points outside the package`, [
        { field: 'path', value: path, reason: 'not inside the package' },
      ]);
    data.set(table.table, parseTable(table, await readFile(join(directory, path), 'utf8'), path));
  }
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const repo = new PackageRepository(trx);
    const held = await repo.heldRows();
    if (held > 0)
      throw new ValidationError(
        `the database already holds ${held} records, documents, producers or trade figures: restore into an empty one`,
        [{ field: 'database', reason: 'not empty' }],
      );
    for (const table of tables) {
      const rows = data.get(table.table)!;
      const restored = table.selfRef ? rows.map((r) => ({ ...r, [table.selfRef!]: null })) : rows;
      for (let i = 0; i < rows.length; i += PAGE)
        await repo.restore(table.table, restored.slice(i, i + PAGE));
      if (table.selfRef) await repo.restoreSelfReference(table.table, table.selfRef, rows);
      if (table.identity) await repo.resetIdentity(table.table);
      counts[table.table] = rows.length;
    }
  });
  return { directory, tables: counts };
}

function parseTable(table: TableResource, text: string, path: string): Record<string, unknown>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const names = table.fields.map((field) => field.name);
  const missing = names.filter((n) => !(parsed.meta.fields ?? []).includes(n));
  if (missing.length > 0)
    throw new ValidationError(`${path} lacks column(s) ${missing.join(', ')}`, [
      ...missing.map((n) => ({ line: 1, field: n, reason: 'missing from the header' })),
    ]);
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new ValidationError(`${path}: ${e.message}`, [
      { line: (e.row ?? 0) + 2, field: 'row', reason: e.message },
    ]);
  }
  return parsed.data.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const field of table.fields) {
      const text = row[field.name] ?? MISSING;
      if (text === MISSING) out[field.name] = null;
      else if (field.type === 'array' || field.type === 'object' || field.type === 'geojson') {
        try {
          out[field.name] = JSON.parse(text);
        } catch {
          throw new ValidationError(`${path}, line ${i + 2}: ${field.name} is not JSON`, [
            { line: i + 2, field: field.name, value: text.slice(0, 100), reason: 'not valid JSON' },
          ]);
        }
      } else out[field.name] = text;
    }
    return out;
  });
}
