// Regular expressions built from a lexicon, once per lexicon. Every pattern is an alternation of
// literals with bounded gaps, so matching stays linear in the text (no nested quantifiers).
import { compileGrammar, type Grammar } from './grammar.js';
import type { Lexicon } from './lexicon/types.js';
import { alternation, WB, WE } from './patterns-base.js';

export { alternation, escapeRegex, WB, WE } from './patterns-base.js';

export interface Patterns {
  lexicon: Lexicon;
  grammar: Grammar;
  /** A country word (name, adjective or capital) → the country; group 1 is the word. */
  country: RegExp;
  countryOf: Map<string, { code: string; via: 'name' | 'adjective' | 'capital' }>;
  bloc: RegExp;
  blocOf: Map<string, string>;
  person: RegExp;
  money: RegExp;
  moneyWords: RegExp;
  percent: RegExp;
  tradeWord: RegExp;
  exportWord: RegExp;
  importWord: RegExp;
  notPairTrade: RegExp;
  notTradeMoney: RegExp;
  goalVerb: RegExp;
  goalMarker: RegExp;
  forecastMarker: RegExp;
  horizon: RegExp;
  increase: RegExp;
  decrease: RegExp;
  anaphora: RegExp;
  pairWord: RegExp;
  domestic: RegExp;
  boundBefore: RegExp;
}

const cache = new WeakMap<Lexicon, Patterns>();

function words(lexicon: Lexicon, list: string[], flags = 'giu'): RegExp {
  const suffix = lexicon.inflected ? '\\p{L}{0,6}' : '';
  return new RegExp(`${WB}(?:${alternation(list)})${suffix}${WE}`, flags);
}

export function patternsFor(lexicon: Lexicon): Patterns {
  const cached = cache.get(lexicon);
  if (cached) return cached;
  const countryOf = new Map<string, { code: string; via: 'name' | 'adjective' | 'capital' }>();
  const countryWords: string[] = [];
  for (const [code, w] of Object.entries(lexicon.countries)) {
    // Adjectives open sentences too: "Kazakh", "Казахстанско-узбекский".
    const capitalized = w.adjectives.map((adj) => adj.charAt(0).toUpperCase() + adj.slice(1));
    countryWords.push(...w.names, ...w.adjectives, ...capitalized, ...w.capitals);
    for (const n of w.names) countryOf.set(n.toLowerCase().replace(/’/g, "'"), { code, via: 'name' });
    for (const a of w.adjectives)
      countryOf.set(a.toLowerCase().replace(/’/g, "'"), { code, via: 'adjective' });
    for (const c of w.capitals) countryOf.set(c.toLowerCase().replace(/’/g, "'"), { code, via: 'capital' });
  }
  const blocOf = new Map<string, string>();
  const blocWords: string[] = [];
  for (const [group, names] of Object.entries(lexicon.blocs)) {
    blocWords.push(...names);
    for (const n of names) blocOf.set(n.toLowerCase(), group);
  }
  const suffix = lexicon.inflected ? '\\p{L}{0,6}' : '';
  const scale = alternation(Object.keys(lexicon.scales));
  const currencyWord = alternation(Object.keys(lexicon.currencyWords));
  const numberWord = alternation(Object.keys(lexicon.numberWords));
  const num = '\\d{1,3}(?:[ ,\\u00a0\\u202f]\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?';
  // "$1.2bn", "US$ 527 million", "5 billion US dollars", "7 trillion 400 billion rubles", "$30-40 million"
  const money =
    `(?<pre>US\\s?\\$|\\$\\s?US|USD|\\$|€|EUR(?=\\s?\\d))?\\s?` +
    `(?<num>${num})(?:\\s?(?:-|–|—|to)\\s?(?<num2>${num}))?` +
    `(?:\\s?(?<scale>${scale})\\.?${WE}${suffix})?` +
    `(?:\\s(?<num3>\\d{1,3})\\s(?<scale3>${scale})${WE})?` +
    `(?:\\s?\\[?(?<post>${currencyWord})${suffix}${WE})?`;
  // "one and a half billion dollars", "nine hundred million dollars", "a billion"
  const moneyWords = `${WB}(?<words>(?:${numberWord})(?:\\s+hundred)?)\\s+(?<scale>${scale})${WE}(?:\\s+(?:of\\s+)?(?<post>${currencyWord})${WE})?`;
  const boundKeys = alternation(Object.keys(lexicon.boundWords));
  const patterns: Patterns = {
    lexicon,
    grammar: compileGrammar(
      lexicon.grammar,
      lexicon.goalVerbs,
      Object.keys(lexicon.boundWords),
      lexicon.inflected,
    ),
    country: new RegExp(`${WB}(${alternation(countryWords)})${suffix}${WE}`, 'gu'),
    countryOf,
    bloc: new RegExp(`${WB}(${alternation(blocWords)})${suffix}${WE}`, 'gu'),
    blocOf,
    person: new RegExp(`${WB}(${alternation(Object.keys(lexicon.people))})${suffix}${WE}`, 'giu'),
    money: new RegExp(money, 'giu'),
    moneyWords: new RegExp(moneyWords, 'giu'),
    percent: new RegExp(
      `(?<num>\\d+(?:[.,]\\d+)?)\\s?(?:%|per\\s?cent${WE}|percent${WE}|процент\\p{L}{0,3})`,
      'giu',
    ),
    tradeWord: words(lexicon, lexicon.tradeWords),
    exportWord: words(lexicon, lexicon.exportWords),
    importWord: words(lexicon, lexicon.importWords),
    notPairTrade: words(lexicon, lexicon.notPairTrade),
    notTradeMoney: words(lexicon, lexicon.notTradeMoney),
    goalVerb: words(lexicon, lexicon.goalVerbs),
    goalMarker: words(lexicon, lexicon.goalMarkers),
    forecastMarker: words(lexicon, lexicon.forecastMarkers),
    horizon: words(lexicon, Object.keys(lexicon.horizons)),
    increase: words(lexicon, lexicon.increaseWords),
    decrease: words(lexicon, lexicon.decreaseWords),
    anaphora: words(lexicon, lexicon.anaphora),
    pairWord: words(lexicon, lexicon.pairWords),
    domestic: words(lexicon, lexicon.domesticWords),
    boundBefore: new RegExp(
      `${WB}(${boundKeys})\\s*(?:the\\s+)?(?:level\\s+of\\s+|mark\\s+of\\s+|volume\\s+of\\s+)?(?:US)?\\s*$`,
      'iu',
    ),
  };
  cache.set(lexicon, patterns);
  return patterns;
}

/** All matches of a global pattern that lie in text[from, to), with offsets into text (lookbehinds see before `from`). */
const LOOKBEHIND_MARGIN = 40;
const globalCache = new WeakMap<RegExp, RegExp>();
const plainCache = new WeakMap<RegExp, RegExp>();

function globalOf(pattern: RegExp): RegExp {
  let re = globalCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalCache.set(pattern, re);
  }
  return re;
}

export function matchesIn(pattern: RegExp, text: string, from = 0, to = text.length): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const re = globalOf(pattern);
  // Search a slice (with a margin before it for lookbehinds), so that a pattern that never matches
  // costs the slice, not the rest of the document.
  const base = Math.max(0, from - LOOKBEHIND_MARGIN);
  const slice = text.slice(base, to);
  re.lastIndex = from - base;
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    m.index += base;
    out.push(m);
  }
  return out;
}

/** Whether the pattern occurs in text[from, to). */
export function occursIn(pattern: RegExp, text: string, from: number, to: number): boolean {
  let re = plainCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    plainCache.set(pattern, re);
  }
  return re.test(text.slice(Math.max(0, from), Math.max(from, to)));
}
