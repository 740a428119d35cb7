// The embedded database under a crash: `keruen serve` on a PGlite folder is killed (SIGKILL) while
// clients write; started again, it opens the folder and holds every write it had acknowledged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, start } from './support/process.js';

async function serve(dataDir: string) {
  const server = start(['serve', '--port', '0'], { KERUEN_DATA_DIR: dataDir });
  const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//, 120_000)).trim().replace(/\/$/, '');
  return { server, url };
}

describe('the embedded database, killed during writes', () => {
  it('opens again and holds every acknowledged write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keruen-kill-server-'));
    expect(
      (await run(['user', 'create', 'writer', '--role', 'editor'], { KERUEN_DATA_DIR: dataDir })).code,
    ).toBe(0);
    const made = await run(['token', 'create', '--user', 'writer', '--format', 'json'], {
      KERUEN_DATA_DIR: dataDir,
    });
    const auth = { authorization: `Bearer ${(JSON.parse(made.stdout) as { token: string }).token}` };
    const { server, url } = await serve(dataDir);
    const acknowledged: string[] = [];
    let stop = false;
    let sent = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `Kill test corridor ${w}-${i}`;
        sent++;
        try {
          const res = await fetch(`${url}/api/v1/corridors`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: JSON.stringify({ name, modes: ['rail'] }),
          });
          if (res.status === 201) acknowledged.push(name);
          else throw new Error(`unexpected ${res.status}`);
        } catch (error) {
          if (stop) return; // the connection died with the server
          throw error;
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, w) => writer(w));
    await new Promise((r) => setTimeout(r, 1500));
    server.child.kill('SIGKILL');
    stop = true;
    await server.exited;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const again = await serve(dataDir);
    try {
      const names = new Set<string>();
      let cursor: string | null = null;
      do {
        const page = (await (
          await fetch(`${again.url}/api/v1/corridors?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        ).json()) as { results: { name: string }[]; next_cursor: string | null };
        for (const r of page.results) names.add(r.name);
        cursor = page.next_cursor;
      } while (cursor);
      console.info(
        `killed during writes: ${sent} sent, ${acknowledged.length} acknowledged, ${names.size} found after the restart`,
      );
      expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);
      // Nothing appears that was never sent, and at most the writes in flight were lost.
      expect(names.size).toBeLessThanOrEqual(sent);
      expect(names.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      again.server.child.kill('SIGTERM');
      await again.server.exited;
    }
  }, 180_000);
});
