// A checked producer made ready to store (pure): its row with the derived search keys, its names, the digest
// of its content, and — for bulk writes — the text COPY takes of its record, its names and its history. The
// text is made where the rows are checked (a worker thread, for a large file), so that the process writing to
// the database only puts ids in front of it.

import { hash } from 'node:crypto';
import { copyLine, copyText } from '../lib/index.js';
import type { ProducerInput } from './model.js';
import {
  PRODUCER_ROW_COLUMNS,
  type ProducerName,
  type ProducerRow,
  producerNames,
  toRow,
} from './normalize.js';

export interface StagedProducer {
  line: number;
  row: ProducerRow;
  names: ProducerName[];
  contentHash: string;
}

/**
 * A digest of a producer's content as stored: the same content gives the same digest. Stored with every
 * producer, so its text must not change (a test holds one digest).
 */
export function contentHash(row: ProducerRow, names: readonly ProducerName[]): string {
  const { natural_key: _key, ...content } = row;
  return hash('sha1', JSON.stringify([content, names.map((n) => [n.name, n.lang])]), 'base64url');
}

export function stageProducer(line: number, input: ProducerInput): StagedProducer {
  const names = producerNames(input);
  const row = toRow(input, names);
  return { line, row, names, contentHash: contentHash(row, names) };
}

/** Compares strings by code point, as PostgreSQL's "C" collation compares their UTF-8 bytes. */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * A producer as its history keeps it, without its id: the row's own fields (RECORD_JSON in the repository)
 * and its other names, in the order of otherNamesSql.
 */
export function recordJson(row: ProducerRow, names: readonly ProducerName[]): Record<string, unknown> {
  return {
    country: row.country,
    national_id: row.national_id,
    name: row.name,
    region: row.region,
    city: row.city,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    website: row.website,
    email: row.email,
    phone: row.phone,
    products: row.products,
    hs_codes: row.hs_codes,
    export_markets: row.export_markets,
    employees: row.employees,
    capacity: row.capacity,
    certifications: row.certifications,
    other_names: names
      .filter((n) => n.name !== row.name)
      .map((n) => ({ name: n.name, lang: n.lang }))
      .sort((a, b) => byCodePoint(a.name, b.name)),
  };
}

/** A producer of a file, ready for the bulk writes: text in COPY's text format, without its id. */
export interface PreparedProducer {
  line: number;
  /** Its natural key. */
  key: string;
  /** Its content's digest (contentHash). */
  hash: string;
  /** content_hash and the row's columns (PRODUCER_ROW_COLUMNS), tab-separated. */
  record: string;
  /** Each name's name, script, lang and key, tab-separated. */
  names: string[];
  /** The names as JSON (name, script, lang, key), COPY-escaped. */
  namesJson: string;
  /** Its history's JSON without the opening `{"id":N,`, COPY-escaped. */
  after: string;
  namesKey: string;
  productsKey: string;
}

/** The bulk writes' text of a checked producer. */
export function prepareProducer(line: number, input: ProducerInput): PreparedProducer {
  const { row, names, contentHash: digest } = stageProducer(line, input);
  const record = copyLine([digest, ...PRODUCER_ROW_COLUMNS.map((c) => row[c])]);
  return {
    line,
    key: row.natural_key,
    hash: digest,
    record: record.slice(0, -1),
    names: names.map((n) => copyLine([n.name, n.script, n.lang, n.key]).slice(0, -1)),
    namesJson: copyText(JSON.stringify(names)),
    after: copyText(JSON.stringify(recordJson(row, names)).slice(1)),
    namesKey: row.names_key,
    productsKey: row.products_key,
  };
}
