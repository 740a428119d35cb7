// A document file: an optional YAML front-matter block, then the body. Offsets of facts count
// UTF-16 code units from the body's first character (the one after the closing `---` line).
import { parse as parseYaml } from 'yaml';
import type { DocumentMeta } from './model.js';

export interface ParsedDocument {
  id: string;
  meta: DocumentMeta & { url?: string; [key: string]: unknown };
  /** Every front-matter field as written. */
  frontMatter: Record<string, unknown>;
  body: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n/;

function asString(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Splits a document into front matter and body. `fallbackId` (the file name without `.md`) names a
 * document without an `id`; `fallbackDate` dates one without `published`.
 */
export function parseDocument(text: string, fallbackId: string, fallbackDate: string): ParsedDocument {
  let frontMatter: Record<string, unknown> = {};
  let body = text.replace(/^\uFEFF/, '');
  const open = FRONT_MATTER.exec(text);
  if (open) {
    const rest = text.slice(open[0].length);
    const close = /^---[ \t]*(?:\r?\n|$)/m.exec(rest);
    if (close) {
      try {
        const parsed = parseYaml(rest.slice(0, close.index)) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          frontMatter = parsed as Record<string, unknown>;
      } catch {
        // A malformed header is kept as part of nothing: the body still starts after it.
      }
      body = rest.slice(close.index + close[0].length);
    }
  }
  const published = asString(frontMatter.published);
  const meta: ParsedDocument['meta'] = {
    published: published && isCalendarDate(published) ? published : fallbackDate,
    publisher: asString(frontMatter.publisher),
    title: asString(frontMatter.title),
    language: asString(frontMatter.language),
    url: asString(frontMatter.url),
  };
  return { id: asString(frontMatter.id) ?? fallbackId, meta, frontMatter, body };
}

/** Whether a text is a date of the calendar as YYYY-MM-DD (2024-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    date.getUTCFullYear() === Number(m[1]) &&
    date.getUTCMonth() === Number(m[2]) - 1 &&
    date.getUTCDate() === Number(m[3])
  );
}
