// Periods a value covers, read relative to the publication date: "in 11 months last year",
// "January–September 2024", "the first half of the year", "at the end of last year", "in 2023".
import type { Lexicon } from './lexicon/types.js';
import type { Period } from './model.js';
import { alternation, matchesIn, WB, WE } from './patterns.js';

export type PeriodRef =
  | { kind: 'fixed'; period: Period }
  /** "during this period", "over the same period": the period of the figure before. */
  | { kind: 'previous' }
  /** "the same period last year", "the corresponding months of 2023": the months of the figure before, in another year. */
  | { kind: 'same-months'; year: number | 'previous' };

export interface PeriodMention {
  start: number;
  end: number;
  ref: PeriodRef;
  /** Introduced by a comparison ("from the level of 2017", "compared to the same period"): a base, not the value's own period. */
  base: boolean;
  /** Only a year was named ("in 2023"), the weakest kind of period. */
  yearOnly: boolean;
}

/** The words of periods, per language. */
export interface PeriodWords {
  lastYear: string[];
  thisYear: string[];
  monthsWord: string[];
  first: string[];
  numbers: Record<string, number>;
  half: string[];
  quarter: string[];
  ordinals: Record<string, number>;
  endOf: string[];
  sinceYearStart: string[];
  thisPeriod: string[];
  samePeriod: string[];
  rangeJoin: string[];
  yearWord: string[];
  base: string[];
}

export const PERIOD_WORDS: Record<string, PeriodWords> = {
  en: {
    lastYear: [
      'last year',
      'the past year',
      'the previous year',
      'a year earlier',
      'the year before',
      'last year’s',
      "last year's",
      'the last year',
      'over the year',
      'the past reporting year',
    ],
    thisYear: ['this year', 'the current year', 'this year’s', "this year's"],
    monthsWord: ['months', 'month'],
    first: ['first', 'the first'],
    numbers: {
      two: 2,
      three: 3,
      four: 4,
      five: 5,
      six: 6,
      seven: 7,
      eight: 8,
      nine: 9,
      ten: 10,
      eleven: 11,
      twelve: 12,
    },
    half: ['half', 'half-year', 'half year'],
    quarter: ['quarter'],
    ordinals: { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 },
    endOf: [
      'at the end of',
      'by the end of',
      'at the close of',
      'as of the end of',
      'the end of',
      'following the results of',
      'based on the results of',
      'results of',
    ],
    sinceYearStart: [
      'since the beginning of the year',
      'since the start of the year',
      'since the beginning of this year',
      'year to date',
      'so far this year',
    ],
    thisPeriod: [
      'during this period',
      'in this period',
      'over this period',
      'over the same period',
      'during the same period',
      'in the same period',
      'the period under review',
      'the reporting period',
      'over the period',
    ],
    samePeriod: [
      'the same period',
      'the corresponding period',
      'the corresponding months',
      'the same months',
      'same period',
      'corresponding period',
    ],
    rangeJoin: ['-', '–', '—', 'to', 'through', 'till', 'until', 'and', 'thru'],
    yearWord: ['year'],
    base: [
      'compared to',
      'compared with',
      'from the level of',
      'against',
      'than',
      'versus',
      'relative to',
      'in comparison with',
    ],
  },
  ru: {
    lastYear: [
      'в прошлом году',
      'прошлого года',
      'за прошлый год',
      'прошлый год',
      'в минувшем году',
      'минувшего года',
      'за минувший год',
      'годом ранее',
      'предыдущего года',
    ],
    thisYear: ['в этом году', 'этого года', 'текущего года', 'в текущем году'],
    monthsWord: ['месяц'],
    first: ['первые', 'первых'],
    numbers: {
      два: 2,
      двух: 2,
      три: 3,
      трех: 3,
      трёх: 3,
      четыре: 4,
      четырех: 4,
      четырёх: 4,
      пять: 5,
      пяти: 5,
      шесть: 6,
      шести: 6,
      семь: 7,
      семи: 7,
      восемь: 8,
      восьми: 8,
      девять: 9,
      девяти: 9,
      десять: 10,
      десяти: 10,
      одиннадцать: 11,
      одиннадцати: 11,
    },
    half: ['полугоди'],
    quarter: ['квартал'],
    ordinals: { перв: 1, втор: 2, трет: 3, четверт: 4 },
    endOf: ['по итогам', 'на конец', 'в конце', 'к концу', 'по состоянию на конец'],
    sinceYearStart: ['с начала года', 'с начала текущего года', 'с начала этого года'],
    thisPeriod: ['за этот период', 'в этот период', 'за тот же период', 'за отчетный период'],
    samePeriod: [
      'аналогичный период',
      'аналогичного периода',
      'аналогичным периодом',
      'аналогичном периоде',
      'те же месяцы',
    ],
    rangeJoin: ['-', '–', '—', 'по'],
    yearWord: ['года', 'год'],
    base: ['по сравнению с', 'против', 'относительно'],
  },
};

/** A word of a map, or a stem of it where the language inflects ("первом" → "перв"). */
function lookup<T>(map: Record<string, T>, word: string, inflected: boolean): T | undefined {
  const key = word.toLowerCase();
  if (map[key] !== undefined) return map[key];
  if (!inflected) return undefined;
  let best: { stem: string; value: T } | undefined;
  for (const [stem, value] of Object.entries(map)) {
    if (key.startsWith(stem) && (!best || stem.length > best.stem.length)) best = { stem, value };
  }
  return best?.value;
}

function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function fullYear(year: number): Period {
  return { from: ym(year, 1), to: ym(year, 12) };
}

interface Compiled {
  patterns: {
    re: RegExp;
    read: (m: RegExpExecArray, text: string) => { ref: PeriodRef; yearOnly?: boolean } | undefined;
  }[];
  base: RegExp;
}

const compiledCache = new Map<string, Compiled>();

function compile(lexicon: Lexicon, anchor: { year: number; month: number }): Compiled {
  const w = PERIOD_WORDS[lexicon.language] ?? PERIOD_WORDS.en!;
  const key = `${lexicon.language}:${anchor.year}-${anchor.month}`;
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const Y = anchor.year;
  const month = alternation(Object.keys(lexicon.months));
  const monthOf = (s: string) => {
    const k = s.toLowerCase().replace(/\.$/, '');
    if (lexicon.months[k]) return lexicon.months[k];
    for (const [name, n] of Object.entries(lexicon.months)) if (k.startsWith(name)) return n;
    return undefined;
  };
  const last = alternation(w.lastYear);
  const thisY = alternation(w.thisYear);
  const yearRef = `(?:(?<year>(?:19|20)\\d\\d)(?!\\d)|(?<last>${last})|(?<this>${thisY}))`;
  const readYear = (g: Record<string, string | undefined>, lastMonth: number): number => {
    if (g.year) return Number(g.year);
    if (g.last) return Y - 1;
    if (g.this) return Y;
    // A partial year without its year: this year if those months are over, else last year.
    return lastMonth < anchor.month ? Y : Y - 1;
  };
  const numberWord = alternation(Object.keys(w.numbers));
  const join = alternation(w.rangeJoin);
  const monthsWord = alternation(w.monthsWord);
  const ordinal = alternation(Object.keys(w.ordinals));
  const sfx = lexicon.inflected ? '\\p{L}{0,6}' : '';
  const inflected = lexicon.inflected;
  const opt = '(?:,?\\s+(?:of\\s+|in\\s+)?(?:the\\s+)?';
  const patterns: Compiled['patterns'] = [
    {
      // January–November 2023, from January through April 2024, in January-July
      re: new RegExp(
        `${WB}(?<m1>${month})${sfx}\\.?\\s*(?:${join})\\s*(?<m2>${month})${sfx}\\.?${WE}${opt}${yearRef})?`,
        'giu',
      ),
      read: (m) => {
        const g = m.groups ?? {};
        const a = monthOf(g.m1!);
        const b = monthOf(g.m2!);
        if (!a || !b || b < a) return undefined;
        const year = readYear(g, b);
        return { ref: { kind: 'fixed', period: { from: ym(year, a), to: ym(year, b) } } };
      },
    },
    {
      // in 11 months last year, in 4 months of 2024, the first nine months of 2024, for 8 months of this year
      re: new RegExp(
        `${WB}(?:the\\s+)?(?:(?:${alternation(w.first)})\\s+)?(?<n>\\d{1,2}|${numberWord})\\s+(?:${monthsWord})${sfx}${WE}${opt}${yearRef})?`,
        'giu',
      ),
      read: (m, text) => {
        const g = m.groups ?? {};
        // "the past five months" is a window ending now, not months of a calendar year.
        if (/(?:past|last|previous|recent)\s+$/iu.test(text.slice(Math.max(0, m.index - 9), m.index)))
          return undefined;
        const n = /^\d+$/.test(g.n!) ? Number(g.n) : lookup(w.numbers, g.n!, inflected);
        if (!n || n < 1 || n > 12) return undefined;
        if (n === 12) return { ref: { kind: 'fixed', period: fullYear(readYear(g, 12)) } };
        const year = readYear(g, n);
        return { ref: { kind: 'fixed', period: { from: ym(year, 1), to: ym(year, n) } } };
      },
    },
    {
      // the first half of 2023, in the first half of the year
      re: new RegExp(
        `${WB}(?:the\\s+)?(?<o>${ordinal})${sfx}\\s+(?:${alternation(w.half)})${sfx}${WE}${opt}(?:${alternation(w.yearWord)}${WE}|${yearRef}))?`,
        'giu',
      ),
      read: (m) => {
        const g = m.groups ?? {};
        const o = lookup(w.ordinals, g.o!, inflected);
        if (o !== 1 && o !== 2) return undefined;
        const year = readYear(g, o * 6);
        return {
          ref: { kind: 'fixed', period: { from: ym(year, o === 1 ? 1 : 7), to: ym(year, o === 1 ? 6 : 12) } },
        };
      },
    },
    {
      // the first quarter of 2022, Q1 2022
      re: new RegExp(
        `${WB}(?:(?:the\\s+)?(?<o>${ordinal})${sfx}\\s+(?:${alternation(w.quarter)})${sfx}|Q(?<q>[1-4]))${WE}${opt}${yearRef})?`,
        'giu',
      ),
      read: (m) => {
        const g = m.groups ?? {};
        const q = g.q ? Number(g.q) : lookup(w.ordinals, g.o ?? '', inflected);
        if (!q || q > 4) return undefined;
        const year = readYear(g, q * 3);
        return { ref: { kind: 'fixed', period: { from: ym(year, q * 3 - 2), to: ym(year, q * 3) } } };
      },
    },
    {
      // In January 2023 alone
      re: new RegExp(`${WB}(?<m1>${month})${sfx}\\.?\\s+(?:of\\s+)?(?<year>(?:19|20)\\d\\d)(?!\\d)`, 'giu'),
      read: (m) => {
        const a = monthOf(m.groups!.m1!);
        return a
          ? {
              ref: {
                kind: 'fixed',
                period: { from: ym(Number(m.groups!.year), a), to: ym(Number(m.groups!.year), a) },
              },
            }
          : undefined;
      },
    },
    {
      // the same period last year, the corresponding months of 2023
      re: new RegExp(
        `${WB}(?:${alternation(w.samePeriod)})${WE}(?:\\s+(?:of|in)?\\s*(?:the\\s+)?${yearRef})?`,
        'giu',
      ),
      read: (m) => {
        const g = m.groups ?? {};
        if (g.year) return { ref: { kind: 'same-months', year: Number(g.year) } };
        return { ref: { kind: 'same-months', year: 'previous' } };
      },
    },
    {
      re: new RegExp(`${WB}(?:${alternation(w.thisPeriod)})${WE}`, 'giu'),
      read: () => ({ ref: { kind: 'previous' } }),
    },
    {
      re: new RegExp(`${WB}(?:${alternation(w.sinceYearStart)})${WE}`, 'giu'),
      read: () =>
        anchor.month > 1
          ? { ref: { kind: 'fixed', period: { from: ym(Y, 1), to: ym(Y, anchor.month - 1) } } }
          : undefined,
    },
    {
      // from 2015 to 2022: the value is that of the last year
      re: new RegExp(
        `${WB}from\\s+(?:19|20)\\d\\d\\s+(?:to|till|until|through)\\s+(?<year>(?:19|20)\\d\\d)(?!\\d)`,
        'giu',
      ),
      read: (m) => ({ ref: { kind: 'fixed', period: fullYear(Number(m.groups!.year)) }, yearOnly: true }),
    },
    {
      // at the end of last year, last year, in 2023, by the end of 2023
      re: new RegExp(`(?:${WB}(?:${alternation(w.endOf)})\\s+)?${yearRef}${WE}`, 'giu'),
      read: (m) => {
        const g = m.groups ?? {};
        if (g.this) return undefined;
        return { ref: { kind: 'fixed', period: fullYear(readYear(g, 12)) }, yearOnly: true };
      },
    },
  ];
  const compiled = {
    patterns,
    base: new RegExp(
      `${WB}(?:${alternation(w.base)})\\s+(?:the\\s+)?(?:level\\s+of\\s+|figure\\s+of\\s+|figures\\s+of\\s+)?$`,
      'iu',
    ),
  };
  compiledCache.set(key, compiled);
  return compiled;
}

/** Period mentions in text[from, to), earliest first; overlapping readings keep the longest. */
export function findPeriods(
  lexicon: Lexicon,
  published: string,
  text: string,
  from: number,
  to: number,
): PeriodMention[] {
  const anchor = { year: Number(published.slice(0, 4)), month: Number(published.slice(5, 7)) };
  const compiled = compile(lexicon, anchor);
  const found: PeriodMention[] = [];
  for (const { re, read } of compiled.patterns) {
    for (const m of matchesIn(re, text, from, to)) {
      const start = m.index;
      const end = m.index + m[0].trimEnd().length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      // A year inside an amount ("$2023") or a date ("12.07.2023") is not a period.
      if (/[$\d.,/]$/.test(text.slice(Math.max(0, start - 1), start)) && /^\d/.test(m[0])) continue;
      const reading = read(m, text);
      if (!reading) continue;
      const before = text.slice(Math.max(from, start - 30), start);
      found.push({
        start,
        end,
        ref: reading.ref,
        base: compiled.base.test(before),
        yearOnly: reading.yearOnly ?? false,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
