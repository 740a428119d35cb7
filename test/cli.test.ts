// Configuration errors stop the command at once, naming the variable; no database is touched.
import { describe, expect, it } from 'vitest';
import { run } from './support/process.js';

describe('configuration errors', () => {
  it('PORT=abc keruen serve fails at once naming PORT', async () => {
    const result = await run(['serve'], { PORT: 'abc', KERUEN_DATA_DIR: '/nonexistent/keruen' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT: must be a whole number/);
    expect(result.stdout).toBe('');
  });

  it('a malformed DATABASE_URL fails at once naming DATABASE_URL', async () => {
    const result = await run(['serve'], {
      DATABASE_URL: 'localhost:5432',
      KERUEN_DATA_DIR: '/nonexistent/keruen',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\//);
  });

  it('names every bad variable in one message', async () => {
    const result = await run(['db', 'status'], { PORT: '99999', LOG_LEVEL: 'chatty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/LOG_LEVEL/);
  });

  it('prints help and the version', async () => {
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/serve/);
    expect(help.stdout).toMatch(/import/);
    const version = await run(['--version'], {});
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown command with a non-zero exit', async () => {
    const result = await run(['frobnicate'], {});
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
  });
});

describe('keruen extract and keruen eval', () => {
  const corpus = new URL('../../shared/corpus/', import.meta.url).pathname;

  it('prints one JSON line per document with its facts', async () => {
    const result = await run(
      ['extract', `${corpus}seeds/seed002-kz-uz-2024-07-12-primeminister.md`, '--format', 'jsonl'],
      {},
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.document).toEqual({ id: 'seed002-kz-uz-2024-07-12-primeminister', published: '2024-07-12' });
    expect(
      out.facts.some((f: { kind: string; value: number }) => f.kind === 'trade_target' && f.value === 10e9),
    ).toBe(true);
  });

  it.each(['seeds', 'dev'])(
    'scores trade F1 of at least 0.95 on the %s set, with bound and change right on 95 in 100 matches',
    async (split) => {
      const result = await run(['eval', `${corpus}${split}`, '--format', 'json'], {});
      expect(result.code).toBe(0);
      const evaluation = JSON.parse(result.stdout);
      expect(evaluation.trade.f1).toBeGreaterThanOrEqual(0.95);
      expect(evaluation.attributes.bound.accuracy).toBeGreaterThanOrEqual(0.95);
      expect(evaluation.attributes.change_pct.accuracy).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('refuses a folder without gold files', async () => {
    const result = await run(['eval', '/tmp'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no document with gold facts/);
  });
});
