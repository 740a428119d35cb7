// The engine: document text and its publication date in, facts with their spans out. Pure: no
// database, no I/O, no clock.

import { extractCooperation } from './cooperation.js';
import { lexiconFor } from './lexicon/index.js';
import type { DocumentMeta, Fact } from './model.js';
import { extractTrade } from './trade.js';

/** Changes when the rules change, so that stored facts say which rules proposed them. */
export const EXTRACTOR_VERSION = '2026.11.22';

/** Bodies longer than this are read in pieces of this size, cut at paragraph ends. */
const PIECE = 200_000;

function pieces(body: string): { offset: number; text: string }[] {
  if (body.length <= PIECE) return [{ offset: 0, text: body }];
  const out: { offset: number; text: string }[] = [];
  let start = 0;
  while (start < body.length) {
    let end = Math.min(body.length, start + PIECE);
    if (end < body.length) {
      const cut = body.lastIndexOf('\n', end);
      if (cut > start + PIECE / 2) end = cut + 1;
    }
    out.push({ offset: start, text: body.slice(start, end) });
    start = end;
  }
  return out;
}

/** Extracts every fact the rules find, ordered by position in the body. */
export function extractFacts(body: string, meta: DocumentMeta): Fact[] {
  const lexicon = lexiconFor(meta.language);
  const facts: Fact[] = [];
  for (const piece of pieces(body)) {
    for (const fact of [
      ...extractTrade(piece.text, meta, lexicon),
      ...extractCooperation(piece.text, meta, lexicon),
    ]) {
      const span: [number, number] = [fact.span[0] + piece.offset, fact.span[1] + piece.offset];
      facts.push({ ...fact, span, quote: body.slice(span[0], span[1]) });
    }
  }
  return facts.sort((a, b) => a.span[0] - b.span[0]);
}
