import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { limitBytes, uploadFormat } from './upload.js';

async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) n += chunk.length;
  return n;
}

describe('uploads', () => {
  it('pass a body up to the limit and fail past it, naming the file as too large', async () => {
    expect(await drain(limitBytes(Readable.from([Buffer.alloc(600), Buffer.alloc(400)]), 1000))).toBe(1000);
    const over = drain(limitBytes(Readable.from([Buffer.alloc(600), Buffer.alloc(401)]), 1000));
    await expect(over).rejects.toBeInstanceOf(ValidationError);
    await expect(over).rejects.toMatchObject({ issues: [{ field: 'file', reason: 'too large' }] });
  });

  it('read the format from the Content-Type, refusing others by name', () => {
    expect(uploadFormat('text/csv; charset=utf-8')).toBe('csv');
    expect(uploadFormat('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(() => uploadFormat('application/json')).toThrow(/send the file as text\/csv/);
  });
});
