// Paragraphs and sentences with their offsets. Linear in the text; a run-on "sentence" is cut at
// MAX_SENTENCE characters so that no later step sees more than that at once.

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

const MAX_SENTENCE = 2000;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'nos',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'bln',
  'mln',
  'mn',
  'bn',
  'trn',
  'approx',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'gen',
  'prof',
  'inc',
  'ltd',
  'co',
  'corp',
  'jsc',
  'llc',
  'ave',
  'г',
  'гг',
  'тыс',
  'млн',
  'млрд',
  'трлн',
  'руб',
  'долл',
  'т.е',
  'т.д',
  'им',
]);

function isSentenceEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?' && c !== '…') return false;
  // The next non-space character must start a sentence: a capital, a digit or an opening quote.
  let j = i + 1;
  while (j < text.length && (text[j] === '"' || text[j] === '”' || text[j] === '’' || text[j] === ')')) j++;
  if (j >= text.length) return true;
  if (!/\s/.test(text[j]!)) return false;
  while (j < text.length && /[ \t\u00a0]/.test(text[j]!)) j++;
  if (j >= text.length || text[j] === '\n') return true;
  if (!/[\p{Lu}\d"“«‘([–—-]/u.test(text[j]!)) return false;
  if (c === '.') {
    let k = i - 1;
    while (k >= 0 && /[\p{L}.]/u.test(text[k]!)) k--;
    const word = text.slice(k + 1, i).toLowerCase();
    if (ABBREVIATIONS.has(word)) return false;
    // An initial ("A. Lukashenko") is not the end of a sentence.
    if (/^\p{Lu}$/u.test(text.slice(k + 1, i))) return false;
  }
  return true;
}

/**
 * A line break inside a sentence of hard-wrapped text ("…following talks between the heads of\nstate of
 * Tajikistan…"): the line is long, ends without closing punctuation, and the next line is no list item.
 */
function isSoftWrap(text: string, at: number, lineStart: number): boolean {
  if (text[at + 1] === '\n' || text[at + 1] === '\r') return false;
  const line = text.slice(lineStart, at).trimEnd();
  if (line.length < 40 || /[.!?:;"”»)\]]$/.test(line)) return false;
  const next = text.slice(at + 1, at + 4);
  if (/^\s*(?:[-•*–]\s|\d+[.)]\s)/.test(next) || next.trim() === '') return false;
  return true;
}

/** Sentences of the text, each within one paragraph (a paragraph ends at a line break that is not a soft wrap). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, paragraph });
  };
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      const soft = isSoftWrap(text, i, lineStart);
      lineStart = i + 1;
      if (soft) continue;
      push(i);
      start = i + 1;
      paragraph++;
    } else if (isSentenceEnd(text, i)) {
      push(i + 1);
      start = i + 1;
    } else if (i - start >= MAX_SENTENCE) {
      push(i);
      start = i;
    }
  }
  push(text.length);
  return out;
}
