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

describe('keruen import trade and keruen targets', () => {
  it('imports a Comtrade-layout file, then reports a target with the progress trade.md defines', async () => {
    const vars = await target();
    const file = join(mkdtempSync(join(tmpdir(), 'keruen-cli-')), 'trade.csv');
    const lines = ['period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue'];
    for (const [year, total] of [
      [2021, 100],
      [2022, 110],
      [2023, 121],
    ] as const) {
      lines.push(`${year},KG,TJ,X,TOTAL,${total * 6e5}`, `${year},KGZ,TJK,M,TOTAL,${total * 4e5}`);
    }
    lines.push('2023,KG,ZZ,X,TOTAL,5');
    writeFileSync(file, lines.join('\n'));
    const imported = await run(
      ['import', 'trade', file, '--source', 'test statistics', '--format', 'json'],
      vars,
    );
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      imported: 6,
      rejected: [{ line: 8, field: 'partnerISO', value: 'ZZ' }],
    });
    const added = await run(
      [
        'targets',
        'add',
        '--countries',
        'KG,TJ',
        '--value',
        '200000000',
        '--by',
        '2030',
        '--stated-on',
        '2025-03-05',
        '--format',
        'json',
      ],
      vars,
    );
    expect(added.code).toBe(0);
    const listed = JSON.parse((await run(['targets', '--format', 'json'], vars)).stdout);
    expect(listed.targets).toHaveLength(1);
    const t = listed.targets[0];
    expect(t).toMatchObject({
      scope: { countries: ['KG', 'TJ'] },
      flow: 'turnover',
      value: 2e8,
      currency: 'USD',
      by: '2030',
      stated_on: '2025-03-05',
      latest: { year: 2023, value: 121e6, kind: 'official' },
      projected_year: 2029,
      status: 'on_track',
    });
    expect(t.trend_cagr).toBeCloseTo(0.1, 8);
    expect(t.required_cagr).toBeCloseTo((200 / 121) ** (1 / 7) - 1, 8);
    const bad = await run(
      ['targets', 'add', '--countries', 'KG,TJ', '--value', 'lots', '--stated-on', 'yesterday'],
      vars,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--value/);
    expect(bad.stderr).toMatch(/--stated-on/);
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

  it('serves the demo data with --demo, loaded once', async () => {
    const vars = await target();
    for (let i = 0; i < 2; i++) {
      const server = start(['serve', '--demo', '--port', '0'], vars);
      const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//)).trim();
      const targets = (await (await fetch(`${url}api/v1/targets?scope=KZ-UZ`)).json()) as {
        targets: { value: number }[];
      };
      expect(targets.targets.filter((t) => t.value === 10e9).length).toBe(4);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
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
