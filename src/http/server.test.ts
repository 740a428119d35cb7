import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nulPath } from './server.js';

describe('the NUL check of request bodies', () => {
  it('finds a NUL character in a parsed JSON body, in values and keys', () => {
    expect(nulPath({ a: [{ b: 'x' }, { c: 'y\u0000' }] }, 'body')).toBe('body.a[1].c');
    expect(nulPath({ 'k\u0000': 1 }, 'body')).toBe('body.k\u0000');
    expect(nulPath(JSON.parse('{"a":{"b":["ok"]}}'), 'body')).toBeUndefined();
  });

  it('leaves an uploaded file’s stream alone instead of walking its socket and server', () => {
    const stream = new PassThrough();
    // An enumerable property that throws when read: a walk into the stream would read it.
    Object.defineProperty(stream, 'trap', {
      enumerable: true,
      get() {
        throw new Error('walked into the stream');
      },
    });
    expect(nulPath(stream, 'body')).toBeUndefined();
    expect(nulPath(Object.assign(Object.create(null), { a: 'x\u0000' }), 'body')).toBe('body.a');
  });
});
