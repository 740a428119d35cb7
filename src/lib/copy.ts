// Rows for COPY … FROM STDIN in PostgreSQL's text format: fields separated by tabs, \N for null, and
// backslash, tab, line feed and carriage return escaped by a backslash. Arrays are written as array literals.

export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as COPY's text format writes it. */
export function copyText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** A text[] literal: every element quoted, its quotes and backslashes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i]!;
    out += `"${v.includes('"') || v.includes('\\') ? v.replace(/[\\"]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

/** One row of COPY's text format, with its line feed. */
export function copyLine(values: readonly CopyValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '\t';
    const v = values[i];
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'string') out += copyText(v);
    else if (typeof v === 'object') out += copyText(arrayLiteral(v));
    else out += String(v);
  }
  return `${out}\n`;
}

const UNESCAPES: Readonly<Record<string, string>> = { '\\\\': '\\', '\\t': '\t', '\\n': '\n', '\\r': '\r' };

/** A value of COPY's text format as text (copyText undone), or null for \N. */
export function fromCopyText(value: string): string | null {
  if (value === '\\N') return null;
  return value.includes('\\') ? value.replace(/\\[\\tnr]/g, (e) => UNESCAPES[e]!) : value;
}

/**
 * COPY input built as UTF-8 bytes: text encoded once where it is made, and bytes copied as they are (the text
 * of a batch of rows prepared in another thread), instead of one long string encoded as it is sent.
 */
export class CopyBuffer {
  private buffer: Buffer;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafeSlow(capacity);
  }

  get length(): number {
    return this.used;
  }

  text(text: string): void {
    this.reserve(text.length * 3);
    this.used += this.buffer.write(text, this.used);
  }

  bytes(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.used += source.copy(this.buffer, this.used, start, end);
  }

  /** Starts again from empty, keeping the memory. */
  clear(): void {
    this.used = 0;
  }

  /** The bytes written (a view of this buffer's memory: write no more after taking it). */
  finish(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.used + bytes));
    this.buffer.copy(next, 0, 0, this.used);
    this.buffer = next;
  }
}
