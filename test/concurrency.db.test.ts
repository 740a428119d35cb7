// Editors racing on one record through the API: every update is based on the version it read, a stale one
// gets 409 and is retried, and no update is lost. On PostgreSQL the editors are spread over two
// `keruen serve` processes on one database; the embedded database belongs to one process, so there they
// share one.
import { afterAll, describe, expect, it } from 'vitest';
import { emptyTarget, engine } from './support/db.js';
import { type Running, run, start } from './support/process.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function serve(vars: Record<string, string>): Promise<{ url: string; server: Running }> {
  const server = start(['serve', '--port', '0'], vars);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//, 120_000)).trim().replace(/\/$/, '');
  return { url, server };
}

interface Corridor {
  id: number;
  version: number;
  name: string;
  description: string | null;
}

describe('concurrent editors', () => {
  it('lose no update: each one that was acknowledged is in the record, and its history', async () => {
    const target = await emptyTarget();
    cleanups.push(target.drop);
    // An account for the editors, made from the command line before the servers start.
    expect((await run(['user', 'create', 'racer', '--admin'], target.vars)).code).toBe(0);
    const made = await run(['token', 'create', '--format', 'json'], target.vars);
    const auth = { authorization: `Bearer ${(JSON.parse(made.stdout) as { token: string }).token}` };
    const first = await serve(target.vars);
    const urls = [first.url];
    if (engine === 'postgres') urls.push((await serve(target.vars)).url);

    const created = await fetch(`${urls[0]}/api/v1/corridors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ name: 'Race corridor', description: '0' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Corridor;

    const EDITORS = 8;
    const EACH = 10;
    let conflicts = 0;
    const editor = async (n: number) => {
      const url = urls[n % urls.length]!;
      let done = 0;
      while (done < EACH) {
        const current = (await (await fetch(`${url}/api/v1/corridors/${id}`)).json()) as Corridor;
        const res = await fetch(`${url}/api/v1/corridors/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': `"${current.version}"`, ...auth },
          body: JSON.stringify({ name: current.name, description: String(Number(current.description) + 1) }),
        });
        if (res.status === 200) done++;
        else if (res.status === 409) conflicts++;
        else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
      }
    };
    await Promise.all(Array.from({ length: EDITORS }, (_, n) => editor(n)));

    const final = (await (await fetch(`${urls.at(-1)}/api/v1/corridors/${id}`)).json()) as Corridor;
    expect(final.description).toBe(String(EDITORS * EACH));
    expect(final.version).toBe(EDITORS * EACH + 1);
    const history = (await (await fetch(`${urls[0]}/api/v1/corridors/${id}/history`)).json()) as {
      version: number;
    }[];
    expect(history.map((h) => h.version)).toEqual(
      Array.from({ length: EDITORS * EACH + 1 }, (_, i) => i + 1),
    );
    console.info(
      `${EDITORS} editors on ${urls.length} process(es): ${EDITORS * EACH} updates, ${conflicts} stale ones refused and retried, 0 lost`,
    );
    // The race was real: editors read versions that others had already replaced.
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);
});
