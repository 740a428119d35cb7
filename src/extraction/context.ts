// What a document is about, as a whole: the countries it names most (its pair), a bloc it is about,
// whose "domestic goods" it speaks of, and the datelines to ignore ("BAKU, Azerbaijan, February 24").

import { type CountryMention, findBlocs, findCountries } from './mentions.js';
import type { DocumentMeta, Group } from './model.js';
import type { Patterns } from './patterns.js';

const PUBLISHER_COUNTRY: Record<string, string> = {
  kz: 'KZ',
  uz: 'UZ',
  kg: 'KG',
  tj: 'TJ',
  tm: 'TM',
  by: 'BY',
  ru: 'RU',
  az: 'AZ',
  am: 'AM',
  cn: 'CN',
  tr: 'TR',
};

const BLOC_MEMBERS: Record<Group, string[]> = {
  EAEU: ['AM', 'BY', 'KG', 'KZ', 'RU'],
  CENTRAL_ASIA: ['KG', 'KZ', 'TJ', 'TM', 'UZ'],
  CIS: ['AM', 'AZ', 'BY', 'KG', 'KZ', 'MD', 'RU', 'TJ', 'UZ'],
  SCO: ['CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ', 'BY'],
  EU: [],
};

export interface DocumentContext {
  /** Country codes by how often the document names them (title counts twice), most first. */
  ranking: string[];
  /** A bloc the document is about: named in its title or lead and most of its members named. */
  group: Group | undefined;
  /** The publisher's country (".kz" → KZ), for "domestic goods". */
  home: string | undefined;
  /** Offsets of datelines, whose country names say where the news was written, not what it is about. */
  datelines: { start: number; end: number }[];
  /** Azerbaijani or Turkmen manat. */
  manat: 'AZN' | 'TMT';
  /** Years the title or body give with "by" ("… plan doubled trade turnover by 2028"). */
  statedYears: number[];
}

export function documentContext(p: Patterns, body: string, meta: DocumentMeta): DocumentContext {
  const datelines: { start: number; end: number }[] = [];
  // "BAKU, Azerbaijan, February 24." or "ASTANA –" at the start of a line (after an optional "date …" prefix).
  const dateline =
    /(^|\n)(?:date \d{4}-\d{2}-\d{2} )?([A-Z][A-Z\- ]{2,30}(?:,\s*[A-Z][\p{L} ]{2,30})?(?:,\s*[A-Z][a-z]+\.? \d{1,2}(?:,\s*\d{4})?)?)\s*[.,–—-]/gu;
  for (let m = dateline.exec(body); m !== null; m = dateline.exec(body)) {
    const start = m.index + m[1]!.length;
    datelines.push({ start, end: start + m[0].length - m[1]!.length });
    if (datelines.length > 20) break;
  }
  const inDateline = (c: CountryMention) => datelines.some((d) => c.start >= d.start && c.end <= d.end);
  const counts = new Map<string, number>();
  for (const c of findCountries(p, body, 0, body.length)) {
    if (inDateline(c)) continue;
    counts.set(c.code, (counts.get(c.code) ?? 0) + (c.via === 'capital' ? 0.5 : 1));
  }
  if (meta.title) {
    for (const c of findCountries(p, meta.title, 0, meta.title.length))
      counts.set(c.code, (counts.get(c.code) ?? 0) + 2);
  }
  const ranking = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code]) => code);

  const lead = `${meta.title ?? ''}\n${body.slice(0, 600)}`;
  const blocCounts = new Map<Group, number>();
  for (const b of findBlocs(p, lead, 0, lead.length))
    blocCounts.set(b.group, (blocCounts.get(b.group) ?? 0) + 1);
  let group: Group | undefined;
  for (const [g] of [...blocCounts.entries()].sort((a, b) => b[1] - a[1])) {
    const named = BLOC_MEMBERS[g].filter((code) => counts.has(code)).length;
    const leadCountries = new Set(findCountries(p, lead, 0, lead.length).map((c) => c.code));
    if (named >= 3 || leadCountries.size <= 1) {
      group = g;
      break;
    }
  }
  const tld = meta.publisher?.toLowerCase().match(/\.([a-z]{2})$/)?.[1];
  const home = tld ? PUBLISHER_COUNTRY[tld] : undefined;
  const manat = counts.has('AZ') || !counts.has('TM') ? 'AZN' : 'TMT';
  const statedYears = [
    ...`${meta.title ?? ''}\n${body}`.matchAll(/(?<![\p{L}])by\s+((?:19|20)\d\d)(?!\d)/giu),
  ].map((x) => Number(x[1]));
  return { ranking, group, home, datelines, manat, statedYears };
}

export function isBlocMember(group: Group, code: string): boolean {
  return BLOC_MEMBERS[group].includes(code);
}
