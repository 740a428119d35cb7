// Searching the nomenclature's titles for a query's words. The titles' words are kept in memory per
// database, so that a search first asks whether the query names anything the nomenclature does. An import
// of the HS file in this process forgets them at once; one in another process, within a minute.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { ReferenceRepository } from './repository.js';

type Entry = { version: string; words: Promise<Set<string>>; at: number };
let cache = new WeakMap<Kysely<DB>, Entry>();
const FRESH_MS = 60_000;

/** The words (three letters or more, lower case) of the titles of `version`'s headings and subheadings.
 * `db` keys the memory; `session` reads (a transaction in progress, or `db`). */
function hsTitleWords(db: Kysely<DB>, version: string, session: Kysely<DB> = db): Promise<Set<string>> {
  const cached = cache.get(db);
  if (cached?.version === version && Date.now() - cached.at < FRESH_MS) return cached.words;
  const words = new ReferenceRepository(session).hsTitleWords(version).then((list) => new Set(list));
  const entry = { version, words, at: Date.now() };
  cache.set(db, entry);
  words.catch(() => cache.get(db) === entry && cache.delete(db));
  return words;
}

/** A word in the query's number and the other, as titles may write it (concentrate, concentrates). */
function titleForms(w: string): string[] {
  return [...new Set([w, `${w}s`, `${w}es`, w.replace(/e?s$/, ''), w.replace(/s$/, '')])];
}

/** Forgets the words read so far (the nomenclature changed). */
export function forgetHsTitleWords(): void {
  cache = new WeakMap();
}

/** Headings and subheadings whose titles closely hold a query's words, best first (at most five); the titles
 * are searched only when a word of the query is a word of some title (a company's name seldom is). */
export async function hsCodesByTitle(
  db: Kysely<DB>,
  version: string,
  q: string,
  session: Kysely<DB> = db,
): Promise<string[]> {
  const words = q.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  if (words.length === 0) return [];
  const vocabulary = await hsTitleWords(db, version, session);
  // Each word as the titles write it, in the query's number or the other (concentrate, concentrates).
  const forms = words.map((w) => titleForms(w).filter((f) => vocabulary.has(f)));
  const known = forms.filter((f) => f.length > 0);
  if (known.length === 0) return [];
  // Every word of the query in one title, in any order (zinc concentrate: "Zinc ores and concentrates").
  return new ReferenceRepository(session).hsCodesByTitle(version, q, known, known.length === words.length);
}

/** Whether some title of `version` holds each word (lower case, in either number), as `hsCodesByTitle` reads
 * titles' words. */
export async function hsTitlesHold(
  db: Kysely<DB>,
  version: string,
  words: string[],
  session: Kysely<DB> = db,
): Promise<boolean[]> {
  const vocabulary = await hsTitleWords(db, version, session);
  return words.map((w) => titleForms(w.toLowerCase()).some((f) => vocabulary.has(f)));
}
