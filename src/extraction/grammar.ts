// The small words the trade rules read around an amount — prepositions, verbs of observation,
// modal words, comparisons — per language, compiled into the patterns the rules use. A language
// brings these lists in its lexicon; the rules stay the same.
import { alternation, WB, WE } from './patterns-base.js';

export interface GrammarWords {
  /** Words that start a new clause inside a sentence ("while", "whereas"). */
  clauseBreaks: string[];
  /** Verbs of an observed value ("reached", "amounted"): after a goal verb they make it an observation. */
  observed: string[];
  /** A range of values: "from $2 billion to $3.1 billion". */
  rangeFrom: string[];
  rangeTo: string[];
  /** Words before a comparison base: "compared to $1.181 billion". */
  comparison: string[];
  /** "17 percent more than $78.905 million": the percent words, comparatives and "than". */
  percentWords: string[];
  comparatives: string[];
  than: string[];
  /** Words before parentheses that make the amount inside a base: "(the same period last year ($205.1 million…))". */
  parenthesisBase: string[];
  /** Verbs whose amount is a lower bound: "exceeded", "surpassed". */
  overVerbs: string[];
  /** Verbs that are a goal only after a forecast word: "is expected to exceed". */
  forecastVerbs: string[];
  /** Whether the goal verbs listed are themselves non-finite (Russian infinitives "довести"): a goal without a modal. */
  goalVerbsNonFinite: boolean;
  /** The ending of gerunds ("bringing it to …"), empty where there are none. */
  gerundEnding: string;
  /** "this year", "the current year": a part of the year that cannot be told. */
  currentYear: string[];
  /** Words that lead from a goal verb to its amount: "to", "of", "up to". */
  amountIntro: string[];
  /** Words before a goal verb that make it an aim, not a fact: "to", "will", "can". */
  modals: string[];
  /** "the bar of $1.5 billion", "the goal of $10 billion": the nouns, and the words between them and the amount. */
  goalNouns: string[];
  goalLinks: string[];
  /** "by 2030", "until 2030". */
  byWords: string[];
  /** "the end of": "by the end of 2021". */
  endOf: string[];
  /** "at", "by" before "the end of" a year in a forecast. */
  atWords: string[];
  /** "the year", "this year": "by the end of the year". */
  thisYearWords: string[];
  /** "in the next five years": the words before the number, and the word for years. */
  nextYears: string[];
  yearsWord: string[];
  numberWords: Record<string, number>;
  /** Articles to skip ("the", "a"). */
  articles: string[];
  /** Words for several countries of a region: "our countries", "the region". */
  groupWords: string[];
  /** Prepositions that name the destination, origin and owner of a flow, and others that introduce a country. */
  toWords: string[];
  fromWords: string[];
  ofWords: string[];
  otherPrepositions: string[];
  /** "… and has grown by another 23 percent": a new statement, whose percent is not this amount's change. */
  conjunctions: string[];
  auxiliaries: string[];
  changeVerbs: string[];
  another: string[];
  /** "57% of all trade": a share, not a change. */
  shareWords: string[];
}

export interface Grammar {
  clauseBreak: RegExp;
  observed: RegExp;
  rangeBetween: RegExp;
  rangeFromBefore: RegExp;
  comparisonBefore: RegExp;
  percentThanBefore: RegExp;
  parenthesisBaseLead: RegExp;
  overVerb: RegExp;
  goalForms: RegExp;
  forecastVerb: RegExp;
  amountIntroEnd: RegExp;
  modalBefore: RegExp;
  toEnd: RegExp;
  goalNounOf: RegExp;
  byYear: RegExp;
  forecastEndOfYear: RegExp;
  byEndOfThisYear: RegExp;
  nextYears: RegExp;
  yearRange: RegExp;
  groupWords: RegExp;
  toBefore: RegExp;
  fromBefore: RegExp;
  ofBefore: RegExp;
  prepositionBefore: RegExp;
  newStatement: RegExp;
  thisYear: RegExp;
  shareAfter: RegExp;
  andJoin: RegExp;
  numberWords: Record<string, number>;
}

const cache = new WeakMap<GrammarWords, Grammar>();

/** Compiles a language's grammar words into patterns (once per lexicon). */
export function compileGrammar(
  w: GrammarWords,
  goalVerbs: string[],
  boundWords: string[],
  inflected: boolean,
): Grammar {
  const cached = cache.get(w);
  if (cached) return cached;
  // An empty list matches nothing (an empty alternation would match everywhere).
  const a = (list: string[]) => (list.length === 0 ? '(?!)' : alternation(list));
  const sfx = inflected ? '\\p{L}{0,6}' : '';
  const word = (list: string[]) => `${WB}(?:${a(list)})${sfx}${WE}`;
  const art = w.articles.length > 0 ? `(?:(?:${a(w.articles)})\\s+)?` : '';
  const number = `\\d{1,2}|${a(Object.keys(w.numberWords))}`;
  const grammar: Grammar = {
    clauseBreak: new RegExp(`;|,?\\s+(?:${a(w.clauseBreaks)})\\s+|\\.\\s+`, 'giu'),
    observed: new RegExp(word(w.observed), 'iu'),
    rangeBetween: new RegExp(
      `^\\s*(?:${a(w.rangeTo)}|-|–)\\s+(?:(?:just|only|about|almost|nearly)\\s+)?$`,
      'iu',
    ),
    rangeFromBefore: new RegExp(`${WB}(?:${a(w.rangeFrom)})\\s*$`, 'iu'),
    comparisonBefore: new RegExp(`(?:${a(w.comparison)})\\s*${art}(?:US)?\\s*$`, 'iu'),
    percentThanBefore: new RegExp(
      `(?:${a(w.percentWords)})\\s+(?:${a(w.comparatives)})${sfx}\\s+(?:${a(w.than)})\\s*$`,
      'iu',
    ),
    parenthesisBaseLead: new RegExp(`(?:${a(w.parenthesisBase)})[^.;]*$`, 'iu'),
    overVerb: new RegExp(`${WB}(${a(w.overVerbs)})${sfx}${WE}[^.;$\\d]{0,25}$`, 'iu'),
    goalForms: new RegExp(`${WB}(${a([...goalVerbs, ...w.forecastVerbs])})${sfx}${WE}`, 'giu'),
    forecastVerb: new RegExp(`^(?:${a(w.forecastVerbs)})`, 'iu'),
    amountIntroEnd: new RegExp(
      `${WB}(?:${a(w.amountIntro)})${sfx}\\s+${art}(?:(?:${a(boundWords)})\\s+)?$`,
      'iu',
    ),
    modalBefore: new RegExp(`${WB}(?:${a(w.modals)})\\s+(?:[\\p{L}-]+\\s+){0,2}$`, 'iu'),
    toEnd: new RegExp(`${WB}(?:${a(w.toWords)})\\s*$`, 'iu'),
    goalNounOf: new RegExp(`${WB}(?:${a(w.goalNouns)})${sfx}\\s+(?:${a(w.goalLinks)}\\s+)?${art}$`, 'iu'),
    byYear: new RegExp(
      `${WB}(?:${a(w.byWords)})\\s+(?:${art}(?:${a(w.endOf)})\\s+)?((?:19|20)\\d\\d)(?!\\d)`,
      'iu',
    ),
    forecastEndOfYear: new RegExp(
      `${WB}(?:${a(w.atWords)})\\s+${art}(?:${a(w.endOf)})\\s+((?:19|20)\\d\\d)(?!\\d)`,
      'iu',
    ),
    byEndOfThisYear: new RegExp(
      `${WB}(?:${a(w.byWords)})\\s+${art}(?:${a(w.endOf)})\\s+(?:${a(w.thisYearWords)})${WE}`,
      'iu',
    ),
    nextYears: new RegExp(
      `${WB}(?:${a(w.nextYears)})\\s+(${number})\\s+(?:${a(w.yearsWord)})${sfx}${WE}`,
      'iu',
    ),
    yearRange: new RegExp(
      `${WB}(?:${a(w.otherPrepositions)}|${a(w.toWords)})\\s+\\d\\s*[-–]\\s*\\d\\s+(?:${a(w.yearsWord)})${sfx}${WE}`,
      'iu',
    ),
    groupWords: new RegExp(word(w.groupWords), 'iu'),
    toBefore: new RegExp(`${WB}(?:${a(w.toWords)})\\s+${art}$`, 'iu'),
    fromBefore: new RegExp(`${WB}(?:${a(w.fromWords)})\\s+${art}$`, 'iu'),
    ofBefore: new RegExp(`${WB}(?:${a(w.ofWords)})\\s+${art}$`, 'iu'),
    prepositionBefore: new RegExp(
      `${WB}(?:${a([...w.toWords, ...w.fromWords, ...w.ofWords, ...w.otherPrepositions, ...w.conjunctions])})\\s+${art}$`,
      'iu',
    ),
    newStatement: new RegExp(
      `${WB}(?:${a(w.conjunctions)})\\s+(?:(?:${a(w.auxiliaries)})\\s+){0,2}(?:${a(w.changeVerbs)})${sfx}|${WB}(?:${a(w.another)})${WE}`,
      'iu',
    ),
    thisYear: new RegExp(word(w.currentYear), 'iu'),
    shareAfter: new RegExp(`^\\s*(?:${a(w.shareWords)})${WE}`, 'iu'),
    andJoin: new RegExp(`\\s(?:${a(w.conjunctions)})\\s`, 'giu'),
    numberWords: w.numberWords,
  };
  cache.set(w, grammar);
  return grammar;
}
