// Lexicons by language. A document's `language` picks one; English is the default.
import { en } from './en.js';
import { ru } from './ru.js';
import type { Lexicon } from './types.js';

export const LEXICONS: Readonly<Record<string, Lexicon>> = { en, ru };

export function lexiconFor(language: string | undefined): Lexicon {
  return (language && LEXICONS[language.toLowerCase().slice(0, 2)]) || en;
}

export type { CountryWords, Lexicon } from './types.js';
