// Mentions found in a stretch of text: money, percentages, countries, blocs and people. Each keeps
// its offsets into the body.

import type { Lexicon } from './lexicon/types.js';
import type { Bound, Group } from './model.js';
import { matchesIn, type Patterns, patternsFor } from './patterns.js';

export interface Span {
  start: number;
  end: number;
}

export interface MoneyMention extends Span {
  value: number;
  /** ISO 4217, or MANAT until the document tells Azerbaijani from Turkmen manat. */
  currency: string;
  /** A range ("$30-40 million") is its midpoint, bound "about". */
  range: boolean;
  /** Written without a currency ("came to a billion"): only trusted where trade is named. */
  implicitCurrency: boolean;
  /** Inside parentheses: a conversion of the value before it, or a comparison value. */
  parenthesized: boolean;
}

export interface PercentMention extends Span {
  value: number;
}

export interface CountryMention extends Span {
  code: string;
  via: 'name' | 'adjective' | 'capital' | 'person';
  /** "Uzbekistan’s", "Belarus'": the country whose trade it is. */
  possessive: boolean;
}

export interface BlocMention extends Span {
  group: Group;
}

function parseNumber(text: string): number {
  const t = text.replace(/[\u00a0\u202f ]/g, '');
  // "1,317" is a thousands separator; "1,3" (a decimal comma) is not.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return Number(t.replace(',', '.'));
}

function scaleOf(p: Patterns, word: string | undefined): number {
  if (!word) return 1;
  const key = word.toLowerCase().replace(/\.$/, '');
  for (const [k, v] of Object.entries(p.lexicon.scales)) {
    if (p.lexicon.inflected ? key.startsWith(k) : key === k) return v;
  }
  return 1;
}

function currencyOf(p: Patterns, word: string | undefined): string | undefined {
  if (!word) return undefined;
  const key = word.toLowerCase().replace(/\s+/g, ' ');
  if (p.lexicon.currencyWords[key]) return p.lexicon.currencyWords[key];
  if (p.lexicon.inflected) {
    // Longest stem first: "сомони" before "сомов".
    const stems = Object.entries(p.lexicon.currencyWords).sort((a, b) => b[0].length - a[0].length);
    for (const [k, v] of stems) if (key.startsWith(k.toLowerCase())) return v;
  }
  return undefined;
}

function insideParentheses(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const open = before.lastIndexOf('(');
  if (open === -1 || before.indexOf(')', open) !== -1) return false;
  return text.slice(end, end + 80).includes(')');
}

/** Money amounts in text[from, to). A bare number without currency or scale is not money. */
export function findMoney(p: Patterns, text: string, from: number, to: number): MoneyMention[] {
  const out: MoneyMention[] = [];
  for (const m of matchesIn(p.money, text, from, to)) {
    const g = m.groups ?? {};
    let currency = g.pre
      ? g.pre.includes('€') || g.pre.startsWith('EUR')
        ? 'EUR'
        : 'USD'
      : currencyOf(p, g.post);
    // "we will reach 20 billion": a large amount without a currency, trusted only where trade is named.
    const implicitCurrency = !currency && scaleOf(p, g.scale) >= 1e6 && !/^(?:m|b|k)$/i.test(g.scale ?? '');
    if (implicitCurrency) currency = 'USD';
    if (!currency || !g.num) continue;
    // A year or a count followed by a currency word is not money: "2023 dollars" is rare, "5 tenge" is not.
    const scale = scaleOf(p, g.scale);
    let value = parseNumber(g.num) * scale;
    if (g.num3 && g.scale3) value += parseNumber(g.num3) * scaleOf(p, g.scale3);
    let range = false;
    if (g.num2) {
      const second = parseNumber(g.num2) * scale;
      if (second > value) {
        value = (value + second) / 2;
        range = true;
      }
    }
    if (!Number.isFinite(value) || value <= 0) continue;
    value = Math.round(value * 100) / 100;
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    out.push({
      start,
      end,
      value,
      currency,
      range,
      implicitCurrency,
      parenthesized: insideParentheses(text, start, end),
    });
  }
  for (const m of matchesIn(p.moneyWords, text, from, to)) {
    const g = m.groups ?? {};
    if (out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
    const wordsText = (g.words ?? '').toLowerCase();
    const parts = wordsText.split(/\s+hundred/);
    let base = p.lexicon.numberWords[parts[0]!.trim()] ?? 1;
    if (wordsText.includes('hundred')) base *= 100;
    const value = base * scaleOf(p, g.scale);
    const currency = currencyOf(p, g.post);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value,
      currency: currency ?? 'USD',
      range: false,
      implicitCurrency: currency === undefined,
      parenthesized: insideParentheses(text, m.index, m.index + m[0].length),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function findPercents(p: Patterns, text: string, from: number, to: number): PercentMention[] {
  return matchesIn(p.percent, text, from, to).map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    value: parseNumber(m.groups!.num!),
  }));
}

export function findCountries(p: Patterns, text: string, from: number, to: number): CountryMention[] {
  const out: CountryMention[] = [];
  for (const m of matchesIn(p.country, text, from, to)) {
    const word = m[1]!;
    let key = word.toLowerCase().replace(/’/g, "'");
    let info = p.countryOf.get(key);
    if (!info && p.lexicon.inflected) {
      for (const [k, v] of p.countryOf) {
        if (key.startsWith(k) && (!info || k.length > key.length)) {
          info = v;
          key = k;
        }
      }
    }
    if (!info) continue;
    const end = m.index + m[0].length;
    const possessive = /^(?:['’]s?|['’])(?![\p{L}])/u.test(text.slice(end, end + 3));
    out.push({ start: m.index, end, code: info.code, via: info.via, possessive });
  }
  for (const m of matchesIn(p.person, text, from, to)) {
    const code = p.lexicon.people[m[1]!.toLowerCase()];
    if (code)
      out.push({ start: m.index, end: m.index + m[0].length, code, via: 'person', possessive: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function findBlocs(p: Patterns, text: string, from: number, to: number): BlocMention[] {
  return matchesIn(p.bloc, text, from, to).flatMap((m) => {
    const group = p.blocOf.get(m[1]!.toLowerCase().replace(/\s+/g, ' ')) as Group | undefined;
    return group ? [{ start: m.index, end: m.index + m[0].length, group }] : [];
  });
}

/** The bound a qualifier just before a value gives: "more than $1bn" → over. */
export function boundBefore(
  p: Patterns,
  text: string,
  moneyStart: number,
  from: number,
): { bound: Bound; start: number } | undefined {
  const windowStart = Math.max(from, moneyStart - 40);
  const m = p.boundBefore.exec(text.slice(windowStart, moneyStart));
  if (!m) return undefined;
  const bound = p.lexicon.boundWords[m[1]!.toLowerCase().replace(/\s+/g, ' ')];
  return bound ? { bound, start: windowStart + m.index } : undefined;
}

/** The countries a short text names (by name or adjective, not by capital): "Kazakhstan-Kyrgyz Council" → KG, KZ. */
export function countriesNamedIn(text: string, lexicon: Lexicon): string[] {
  const p = patternsFor(lexicon);
  return [
    ...new Set(
      findCountries(p, text, 0, text.length)
        .filter((m) => m.via !== 'capital')
        .map((m) => m.code),
    ),
  ].sort();
}
