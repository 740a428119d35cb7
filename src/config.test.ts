import { describe, expect, it } from 'vitest';
import { ConfigError, databaseTarget, loadConfig } from './config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({ HOME: '/home/someone' });
    expect(config.port).toBe(4400);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/keruen$/);
  });

  it('puts the data folder under XDG_DATA_HOME when it is set', () => {
    expect(loadConfig({ XDG_DATA_HOME: '/srv/data' }).dataDir).toBe('/srv/data/keruen');
  });

  it('refuses a port that is not a number', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT']);
    expect(problemsOf({ PORT: '-1' })).toEqual(['PORT']);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(problemsOf({ DATABASE_URL: 'localhost:5432/keruen' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/db' })).toEqual(['DATABASE_URL']);
    expect(problemsOf({ DATABASE_URL: 'postgres://' })).toEqual(['DATABASE_URL']);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'x',
      DATABASE_URL: 'nope',
      LOG_LEVEL: 'loud',
      KERUEN_CORS_ORIGINS: 'not a url',
    });
    expect(problems.sort()).toEqual(['DATABASE_URL', 'KERUEN_CORS_ORIGINS', 'LOG_LEVEL', 'PORT']);
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT: .*\n\s+LOG_LEVEL: /);
  });

  it('uses the server when DATABASE_URL is set, and the embedded folders otherwise', () => {
    const server = loadConfig({ DATABASE_URL: 'postgresql://u@db.example:5433/keruen' });
    expect(databaseTarget(server)).toEqual({
      engine: 'postgres',
      url: 'postgresql://u@db.example:5433/keruen',
    });
    const embedded = loadConfig({ KERUEN_DATA_DIR: '/var/lib/keruen' });
    expect(databaseTarget(embedded)).toEqual({ engine: 'pglite', dataDir: '/var/lib/keruen/db' });
    expect(databaseTarget(embedded, { demo: true })).toEqual({
      engine: 'pglite',
      dataDir: '/var/lib/keruen/demo',
    });
  });

  it('reads CORS origins as a list', () => {
    expect(
      loadConfig({ KERUEN_CORS_ORIGINS: 'https://a.example, https://b.example:8443' }).corsOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });
});
