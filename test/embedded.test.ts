// The embedded database belongs to one process at a time, and says who holds it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, start } from './support/process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'keruen-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded database folder', () => {
  it('refuses a second process while a server holds it, naming the holder', async () => {
    const server = start(['serve', '--port', '0'], { KERUEN_DATA_DIR: dataDir });
    await server.waitFor(/http:\/\/[\d.]+:\d+\//);
    try {
      const second = await run(['db', 'status'], { KERUEN_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by process ${server.child.pid} (keruen serve)`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const after = await run(['db', 'status', '--format', 'json'], { KERUEN_DATA_DIR: dataDir });
    expect(after.code).toBe(0);
  });

  it('takes over the lock of a server that was killed', async () => {
    const server = start(['serve', '--port', '0'], { KERUEN_DATA_DIR: dataDir });
    await server.waitFor(/http:\/\/[\d.]+:\d+\//);
    server.child.kill('SIGKILL');
    await server.exited;
    const after = await run(['db', 'status', '--format', 'json'], { KERUEN_DATA_DIR: dataDir });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).migrations.length).toBeGreaterThan(0);
  });
});
