import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { type CsvSource, readCsv, readCsvBatches } from './csv.js';

function source(text: string | Buffer): CsvSource {
  return { stream: Readable.from([Buffer.from(text)]), size: undefined };
}

async function all(text: string, required: string[] = []) {
  const out = [];
  for await (const r of readCsv(source(text), { required })) out.push(r);
  return out;
}

describe('reading CSV', () => {
  it('numbers lines as a text editor does: quoted line breaks, blank lines and CRLF counted', async () => {
    const rows = await all('a,b\r\n1,"two\nlines"\r\n\r\n3,x\r\n"4",""""\r\n');
    expect(rows.map((r) => [r.line, r.values.a, r.values.b])).toEqual([
      [3, '1', 'two\nlines'],
      [5, '3', 'x'],
      [6, '4', '"'],
    ]);
  });

  it('drops a byte order mark, trims names and values, and fills missing trailing fields', async () => {
    const rows = await all('\uFEFF a , b ,c\n 1 , 2 \n3\n', ['a', 'b']);
    expect(rows).toEqual([
      { line: 2, values: { a: '1', b: '2', c: '' } },
      { line: 3, values: { a: '3', b: '', c: '' } },
    ]);
  });

  it('reads letters of several bytes that the chunks of a file cut in two', async () => {
    const text = 'name,city\nТОО «Шымкентцемент»,Шымкент\nOʻzbekiston,Gʻijduvon\n';
    const bytes = Buffer.from(text);
    // Chunks of three bytes: most Cyrillic letters (two bytes each) are split between two chunks.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) =>
      bytes.subarray(i * 3, i * 3 + 3),
    );
    const rows = [];
    for await (const r of readCsv({ stream: Readable.from(chunks), size: bytes.length }, { required: [] }))
      rows.push(r.values);
    expect(rows).toEqual([
      { name: 'ТОО «Шымкентцемент»', city: 'Шымкент' },
      { name: 'Oʻzbekiston', city: 'Gʻijduvon' },
    ]);
  });

  it('reads any line ending, and a file mixing them, as its lines', async () => {
    // Two files pasted together: CRLF then LF; old Mac CR; a CRLF cut between two chunks.
    const text = 'a,b\r\n1,x\r\n2,"y\r\nz"\n3,x\n4,x\r5,x\r\n';
    const chunks = [text.slice(0, 9), text.slice(9, 24), text.slice(24)];
    expect(chunks[0]!.endsWith('\r')).toBe(true);
    const rows = [];
    for await (const r of readCsv(
      { stream: Readable.from(chunks.map((c) => Buffer.from(c))), size: undefined },
      { required: [] },
    ))
      rows.push([r.line, r.values.a, r.values.b, r.problem]);
    expect(rows).toEqual([
      [2, '1', 'x', undefined],
      [4, '2', 'y\nz', undefined],
      [5, '3', 'x', undefined],
      [6, '4', 'x', undefined],
      [7, '5', 'x', undefined],
    ]);
  });

  it('marks a row with more fields than the header, and lets empty trailing fields pass', async () => {
    const rows = await all('a,b\n1,2,\n3,4,5\n6,7\n');
    expect(rows.map((r) => [r.line, r.values, r.problem])).toEqual([
      [2, { a: '1', b: '2' }, undefined],
      [
        3,
        { a: '3', b: '4' },
        'the row has 3 fields and the header 2: a value holding a comma must be quoted',
      ],
      [4, { a: '6', b: '7' }, undefined],
    ]);
  });

  it('refuses a file whose header lacks a required column, naming it', async () => {
    const error = await all('a,c\n1,2\n', ['a', 'b']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { line: 1, field: 'b', reason: 'required column missing from the header' },
    ]);
  });

  it('refuses an empty file', async () => {
    await expect(all('', ['a'])).rejects.toThrow(/no header/);
  });

  it('marks a row with an unclosed quote instead of failing the file', async () => {
    const rows = await all('a,b\n1,2\n3,"four\n');
    expect(rows[0]).toEqual({ line: 2, values: { a: '1', b: '2' } });
    expect(rows[1]?.problem).toMatch(/quoted field is not closed/);
  });

  it('reads the file only as fast as batches are taken (memory stays at one batch)', async () => {
    const lines = ['n,text'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},${'x'.repeat(60)}`);
    const text = `${lines.join('\n')}\n`;
    let read = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < text.length; i += 16_384) yield Buffer.from(text.slice(i, i + 16_384));
      })(),
    );
    stream.on('data', (chunk: Buffer) => {
      read += chunk.length;
    });
    const batches = readCsvBatches({ stream, size: text.length }, { required: ['n'], batchSize: 1000 });
    const first = await batches.next();
    expect(first.value?.rows).toHaveLength(1000);
    // Wait, as a slow database would: the reader must not run ahead through the file meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(read).toBeLessThan(text.length / 4);
    let count = first.value!.rows.length;
    let last = 0;
    for await (const batch of batches) {
      count += batch.rows.length;
      last = batch.rows.at(-1)!.line;
    }
    expect(count).toBe(50_000);
    expect(last).toBe(50_001);
  });
});
