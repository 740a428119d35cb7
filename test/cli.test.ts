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
