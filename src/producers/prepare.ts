// A checked producer made ready to store (pure): its row with the derived search keys, its names, the digest
// of its content, and — for bulk writes — the text COPY takes of its record, its names and its history, as
// UTF-8 bytes. The text is made where the rows are checked (a worker thread, for a large file), so that the
// thread writing to the database only copies it behind ids.

import { hash } from 'node:crypto';
import { CopyBuffer, copyLine, copyText, fromCopyText } from '../lib/index.js';
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

/**
 * Where a prepared producer's COPY text is: `bytes` holds its batch's text (UTF-8), in which its record runs
 * from `record` to `names`, its names' lines from `names` to `after`, its history's JSON from `after` to `end`.
 */
export interface PreparedText {
  bytes: Buffer;
  record: number;
  names: number;
  after: number;
  end: number;
}

/** A producer of a file, ready for the bulk writes: text in COPY's text format, without its id. */
export interface PreparedProducer {
  line: number;
  /** Its natural key. */
  key: string;
  /** Its content's digest (contentHash). */
  hash: string;
  /**
   * Its text: content_hash and the row's columns (PRODUCER_ROW_COLUMNS), tab-separated; each name's name,
   * script, lang and key, tab-separated, a line each; its history's JSON without the opening `{"id":N,`.
   */
  text: PreparedText;
  namesKey: string;
  productsKey: string;
}

/**
 * The text of a batch of prepared producers, in one buffer: sent whole to the thread that writes them (moved,
 * not copied), which copies each producer's bytes into its COPY input.
 */
export class PreparedBatch {
  private readonly out: CopyBuffer;
  private readonly texts: PreparedText[] = [];

  /** `rows`: how many producers the batch may hold (its buffer is sized for them, and grows if it must). */
  constructor(rows: number) {
    this.out = new CopyBuffer(Math.max(1 << 16, rows * 1536));
  }

  /** The bulk writes' text of a checked producer. */
  add(line: number, input: ProducerInput): PreparedProducer {
    const { row, names, contentHash: digest } = stageProducer(line, input);
    const record = this.out.length;
    this.out.text(copyLine([digest, ...PRODUCER_ROW_COLUMNS.map((c) => row[c])]).slice(0, -1));
    const namesAt = this.out.length;
    for (const n of names) this.out.text(copyLine([n.name, n.script, n.lang, n.key]));
    const after = this.out.length;
    this.out.text(copyText(JSON.stringify(recordJson(row, names)).slice(1)));
    const text = { bytes: EMPTY, record, names: namesAt, after, end: this.out.length };
    this.texts.push(text);
    return {
      line,
      key: row.natural_key,
      hash: digest,
      text,
      namesKey: row.names_key,
      productsKey: row.products_key,
    };
  }

  /** The batch's bytes, now in each producer's text (add no more). */
  finish(): Buffer {
    const bytes = this.out.finish();
    for (const t of this.texts) t.bytes = bytes;
    return bytes;
  }
}

const EMPTY = Buffer.alloc(0);

/** A prepared producer's names as the merge stages them: JSON of name, script, lang and key, COPY-escaped. */
export function namesJson(text: PreparedText): string {
  const names = text.bytes
    .toString('utf8', text.names, text.after)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, script, lang, key] = line.split('\t').map(fromCopyText);
      return { name, script, lang, key };
    });
  return copyText(JSON.stringify(names));
}
