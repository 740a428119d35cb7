// COPY's text format as copyLine writes it, read back by the database: every value comes back as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/db.js';
import type { Database } from '../db/index.js';
import { copyLine } from './copy.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

describe('rows for COPY in text format', () => {
  it('carry any text, nulls, numbers and arrays through unchanged', async () => {
    // Any text PostgreSQL can store (no NUL), with the characters COPY gives a meaning to made frequent.
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom('\\', '\t', '\n', '\r', '"', ',', '{', '}', '\\N', 'N', ' ', 'ё'),
          fc.string(),
        ),
        {
          maxLength: 8,
        },
      )
      .map((parts) => parts.join('').replace(/\0/g, ''));
    const row = fc.record({
      t: fc.option(text, { nil: null }),
      n: fc.option(fc.integer(), { nil: null }),
      d: fc.double({ noNaN: true, noDefaultInfinity: true }),
      a: fc.array(text, { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const back = await database.bulk(async (session) => {
          await session.query(
            'create temp table copied (i int, t text, n int, d double precision, a text[]) on commit drop',
          );
          await session.copyFrom(
            'copy copied (i, t, n, d, a) from stdin',
            rows.map((r, i) => copyLine([i, r.t, r.n, r.d, r.a])).join(''),
          );
          return session.query<{ t: string | null; n: number | null; d: number; a: string[] }>(
            'select t, n, d, a from copied order by i',
          );
        });
        expect(back).toEqual(rows.map((r) => ({ ...r, d: Object.is(r.d, -0) ? 0 : r.d })));
      }),
      { numRuns: 60 },
    );
  });
});
