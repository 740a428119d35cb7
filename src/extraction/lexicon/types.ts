// What a language contributes to the extractor: its words, as data. The rules in ../rules/ are
// written once and read these lists, so a language is added as a lexicon, not as new rules.
import type { GrammarWords } from '../grammar.js';
import type { Group } from '../model.js';

export interface CountryWords {
  /** Names and variants ("Kyrgyzstan", "the Kyrgyz Republic"). */
  names: string[];
  /** Adjectives and demonyms ("Kyrgyz"), also inside compounds ("Kazakh-Kyrgyz"). */
  adjectives: string[];
  /** Capitals that stand for governments ("Astana and Tashkent"). */
  capitals: string[];
}

export interface Lexicon {
  language: string;
  /**
   * Whether words take endings (Russian: Казахстан-а, -у, -ом): names then match as stems followed
   * by up to a few letters.
   */
  inflected: boolean;
  countries: Record<string, CountryWords>;
  blocs: Record<Group, string[]>;
  /** Month names and their stems → month number. */
  months: Record<string, number>;
  /** Scale words → multiplier ("billion", "bn", "млрд"). */
  scales: Record<string, number>;
  /** Currency words written after the number → ISO 4217 ("dollars", "rubles"). */
  currencyWords: Record<string, string>;
  /** Number words ("one", "nine hundred" is built from "nine" and "hundred"). */
  numberWords: Record<string, number>;
  /** Words for the trade of a pair ("trade turnover", "mutual trade"). */
  tradeWords: string[];
  /** Words for exports and for imports. */
  exportWords: string[];
  importWords: string[];
  /** Trade that is not goods trade of a pair: a country's total, a sector (excluded). */
  notPairTrade: string[];
  /** Money that is not trade: investment, projects, funds (excluded unless a trade word is nearer). */
  notTradeMoney: string[];
  /** Qualifiers before a value → bound. */
  boundWords: Record<string, 'over' | 'under' | 'about' | 'exact'>;
  /** Verbs that introduce a stated goal ("bring", "raise", "increase"), as stems. */
  goalVerbs: string[];
  /** Nouns and phrases that mark a goal ("task", "goal", "aim to", "plans to"). */
  goalMarkers: string[];
  /** Forecasts ("is expected to", "will amount to"): a goal for scoring, with low confidence. */
  forecastMarkers: string[];
  /** Horizons of goals. */
  horizons: Record<string, 'short' | 'medium' | 'long'>;
  /** Change words and their sign. */
  increaseWords: string[];
  decreaseWords: string[];
  /** Words that make the following value a comparison base ("compared to", "from"). */
  comparisonWords: string[];
  /** Words referring back to the last figure ("this figure", "it"). */
  anaphora: string[];
  /** Words for "both countries of this document" ("the two countries", "bilateral"). */
  pairWords: string[];
  /** Words that mean "our own country" of the publisher ("domestic"). */
  domesticWords: string[];
  /** People of the region → the country they represent (heads of state and government, ministers). */
  people: Record<string, string>;
  /** The small words the rules read around an amount. */
  grammar: GrammarWords;
}
