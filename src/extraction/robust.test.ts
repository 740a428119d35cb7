// Any input returns without a crash; every fact's span lies in the text and its quote is the text there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './document.js';
import { extractFacts } from './extract.js';
import { type Fact, factSchema } from './model.js';

function checkFacts(text: string, found: Fact[]): void {
  for (const fact of found) {
    expect(factSchema.safeParse(fact).success).toBe(true);
    expect(fact.span[0]).toBeGreaterThanOrEqual(0);
    expect(fact.span[1]).toBeLessThanOrEqual(text.length);
    expect(fact.span[0]).toBeLessThanOrEqual(fact.span[1]);
    expect(fact.quote).toBe(text.slice(fact.span[0], fact.span[1]));
  }
}

// Pieces of the genre, recombined at random: the extractor sees text that looks like its input.
const pieces = [
  'Trade between Kazakhstan and Uzbekistan',
  'mutual trade',
  'the two countries',
  'Kyrgyz',
  'EAEU',
  'reached',
  'exceeded',
  'to bring it to',
  'the goal of raising trade to',
  '$1.2 billion',
  'US$ 300 million',
  '5 trillion rubles',
  '($4 bln)',
  'in 2023',
  'last year',
  'in 11 months of 2024',
  'January–May',
  'by 2030',
  'grew by 12%',
  'up 3.5 percent',
  'exports to Tajikistan',
  'imports from Russia',
  'signed a Memorandum of Cooperation in trade',
  '15 projects worth $2 billion',
  '.',
  ',',
  ';',
  '\n',
  '(',
  ')',
  '’s',
];

describe('robustness', () => {
  it('returns nothing for an empty text', () => {
    expect(extractFacts('', { published: '2024-01-01' })).toEqual([]);
  });

  it('keeps spans inside the text and quotes equal to it, for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        checkFacts(text, extractFacts(text, { published: '2024-05-01' }));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps spans inside the text for recombined pieces of the genre (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.constantFrom(' ', ''),
        (parts, glue) => {
          const text = parts.join(glue === '' ? ' ' : glue);
          checkFacts(text, extractFacts(text, { published: '2024-05-01' }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('survives binary garbage', () => {
    const bytes = Buffer.alloc(200_000);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed & 0xff;
    }
    const text = bytes.toString('latin1');
    checkFacts(text, extractFacts(text, { published: '2024-05-01' }));
  });

  it('reads through HTML markup and mixed scripts', () => {
    const text =
      '<html><body><p>In 2023, trade between <b>Kazakhstan</b> and Uzbekistan reached $4.1 billion.</p>' +
      '<script>var x = "$5 billion in 2020";</script><p>Товарооборот составил 4 млрд долларов. 贸易额</p></body></html>';
    const found = extractFacts(text, { published: '2024-05-01' });
    checkFacts(text, found);
    expect(found.some((f) => f.kind === 'trade_turnover' && f.value === 4.1e9)).toBe(true);
  });

  it('reads a 10 MB document without failing, in pieces', () => {
    const paragraph =
      'In 2023, trade between Kazakhstan and Kyrgyzstan reached $1.3 billion, up 12%. The sides agreed to bring it to $3 billion by 2030.\n';
    const text = paragraph.repeat(Math.ceil(10_000_000 / paragraph.length));
    const found = extractFacts(text, { published: '2024-05-01' });
    expect(found.length).toBeGreaterThan(0);
    const last = found.at(-1)!;
    expect(last.quote).toBe(text.slice(last.span[0], last.span[1]));
  });

  it('reads pathological runs of digits, dollars and dots without stalling', () => {
    for (const unit of ['1', '$', '1.', '$1,', ' in 20', 'Kazakh-', '((', '2023 ', 'billion ']) {
      const text = unit.repeat(Math.ceil(300_000 / unit.length));
      checkFacts(text, extractFacts(text, { published: '2024-05-01' }));
    }
  });
});

describe('parseDocument', () => {
  it('takes the body after the front matter and the fields of the header', () => {
    const doc = parseDocument(
      '---\nid: x-1\npublished: 2024-07-12\npublisher: gov.kz\ntitle: Talks\n---\nBody text.',
      'file',
      '2000-01-01',
    );
    expect(doc).toMatchObject({
      id: 'x-1',
      body: 'Body text.',
      meta: { published: '2024-07-12', publisher: 'gov.kz', title: 'Talks' },
    });
  });

  it('names a document without front matter after its file, dated by the fallback', () => {
    const doc = parseDocument('Just a body.', 'note', '2024-01-02');
    expect(doc).toMatchObject({ id: 'note', body: 'Just a body.', meta: { published: '2024-01-02' } });
  });

  it('survives a malformed header', () => {
    const doc = parseDocument('---\n: : [\n---\nBody.', 'bad', '2024-01-02');
    expect(doc.body).toBe('Body.');
  });
});
