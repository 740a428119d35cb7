// The command line as a user runs it: each test starts `keruen` in a child process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyTarget } from './support/db.js';
import { run, start } from './support/process.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function target() {
  const t = await emptyTarget();
  cleanups.push(t.drop);
  return t.vars;
}

describe('keruen db', () => {
  it('reports pending migrations, applies them, then reports them applied', async () => {
    const vars = await target();
    const before = await run(['db', 'status', '--format', 'json'], vars);
    expect(before.code).toBe(0);
    expect(
      JSON.parse(before.stdout).migrations.every((m: { appliedAt: unknown }) => m.appliedAt === null),
    ).toBe(true);
    const migrate = await run(['db', 'migrate', '--format', 'json'], vars);
    expect(migrate.code).toBe(0);
    const after = await run(['db', 'status', '--format', 'json'], vars);
    const states = JSON.parse(after.stdout).migrations as { name: string; appliedAt: string | null }[];
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((m) => m.appliedAt !== null)).toBe(true);
  });
});

describe('keruen import hs', () => {
  it('imports good rows, reports bad ones by line, and exits 0', async () => {
    const vars = await target();
    const file = join(mkdtempSync(join(tmpdir(), 'keruen-cli-')), 'hs.csv');
    writeFileSync(
      file,
      'section,hscode,description,parent,level\nXV,7403,Copper refined,74,4\nXV,74039,Bad,7403,6\n',
    );
    const result = await run(['import', 'hs', file, '--format', 'json'], vars);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.imported + report.updated).toBe(1);
    expect(report.rejected).toEqual([
      { line: 3, field: 'hscode', value: '74039', reason: 'must be 2, 4 or 6 digits' },
    ]);
  });

  it('exits non-zero when the file cannot be read', async () => {
    const vars = await target();
    const result = await run(['import', 'hs', '/nonexistent/hs.csv'], vars);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot read \/nonexistent\/hs.csv/);
  });
});

describe('keruen ingest and keruen review', () => {
  it('ingests a folder once, lists its facts, and records a decision', async () => {
    const vars = await target();
    const seeds = new URL('../../shared/corpus/seeds', import.meta.url).pathname;
    const first = await run(['ingest', seeds, '--format', 'json'], vars);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ingested: 5, unchanged: 0 });
    const again = await run(['ingest', seeds, '--format', 'json'], vars);
    expect(JSON.parse(again.stdout)).toMatchObject({ ingested: 0, unchanged: 5, facts: 0 });
    const list = JSON.parse(
      (await run(['review', 'list', '--kind', 'trade_target', '--format', 'json'], vars)).stdout,
    );
    const fact = list.facts[0];
    expect(fact.kind).toBe('trade_target');
    const accepted = await run(
      ['review', 'accept', String(fact.id), '--as', 'reviewer-1', '--format', 'json'],
      vars,
    );
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({
      status: 'accepted',
      decided_by: 'reviewer-1',
      applied: true,
    });
    const rejectStale = await run(
      ['review', 'reject', String(fact.id), '--reason', 'late', '--expect-version', String(fact.version)],
      vars,
    );
    expect(rejectStale.code).toBe(1);
    expect(rejectStale.stderr).toMatch(/changed by someone else/);
  });
});

describe('keruen serve', () => {
  it('finishes loading reference data after being killed in the middle of it, without duplicates', async () => {
    const vars = await target();
    const first = start(['serve', '--port', '0'], { ...vars, LOG_LEVEL: 'info' });
    await first.waitFor(/loading reference data/);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = start(['serve', '--port', '0'], vars);
    const url = (await second.waitFor(/http:\/\/[\d.]+:\d+\//)).trim();
    try {
      const countries = (await (await fetch(`${url}api/v1/countries`)).json()) as {
        countries: { code: string }[];
      };
      expect(countries.countries.length).toBeGreaterThanOrEqual(249);
      expect(new Set(countries.countries.map((c) => c.code)).size).toBe(countries.countries.length);
      const eaeu = (await (await fetch(`${url}api/v1/blocs/EAEU?on=2015-03-01`)).json()) as {
        members: unknown[];
      };
      expect(eaeu.members).toHaveLength(4);
      const health = (await (await fetch(`${url}health`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });

  it('stops on SIGTERM with exit code 0, and its database opens again', async () => {
    const vars = await target();
    for (let i = 0; i < 2; i++) {
      const server = start(['serve', '--port', '0'], vars);
      const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//)).trim();
      expect((await fetch(`${url}health`)).status).toBe(200);
      server.child.kill(i === 0 ? 'SIGTERM' : 'SIGINT');
      expect(await server.exited).toBe(0);
    }
  });
});
