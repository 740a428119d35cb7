// The building blocks of every pattern: word boundaries for any script, and escaped alternations.

/** Letters and digits of any script: JavaScript's \b only knows ASCII. */
export const WB = '(?<![\\p{L}\\p{N}])';
export const WE = '(?![\\p{L}\\p{N}])';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so that "trade turnover" wins over "trade". Spaces match any run of spaces. */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .filter((w) => w.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((w) =>
      escapeRegex(w)
        .replace(/\\?[ ]+/g, '\\s+')
        .replace(/['’]/g, "['’]"),
    )
    .join('|');
}
