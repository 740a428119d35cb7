// Every environment variable Keruen reads enters here, validated once. Nothing else reads process.env.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Keruen's version, reported by /health and the CLI. */
export const KERUEN_VERSION = '0.1.0';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'keruen');
}

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    {
      message:
        'must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user@127.0.0.1:5432/keruen',
    },
  );

const envSchema = z.object({
  KERUEN_DATA_DIR: z.string().trim().min(1, 'must not be empty').optional(),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), databaseUrl.optional()),
  PORT: z.preprocess(
    (v) => (v === '' || v === undefined ? '4400' : v),
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((n) => n <= 65535, 'must be a whole number from 0 to 65535'),
  ),
  HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  KERUEN_DEMO_DOCUMENTS: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().optional()),
  KERUEN_CORS_ORIGINS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .optional()
      .transform((s) =>
        s
          ? s
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
      )
      .refine((origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), {
        message: 'must be a comma-separated list of origins such as https://example.org, or *',
      }),
  ),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the data lives: an embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseTarget = { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string };

export interface Config {
  /** Folder holding Keruen's embedded databases (`db/`, and `demo/` for `npm start`). */
  dataDir: string;
  /** Set when DATABASE_URL names a PostgreSQL server; it is used instead of the embedded database. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** The level set by LOG_LEVEL; the server logs at info and commands at warn when it is not set. */
  logLevel: LogLevel | undefined;
  corsOrigins: string[];
  /**
   * A folder of documents (Markdown with front matter) that `npm start` ingests into the demo database,
   * their facts left pending for review: KERUEN_DEMO_DOCUMENTS, else the corpus's seed articles in
   * ../shared/corpus/seeds beside the checkout when that folder exists (read there, never copied).
   */
  demoDocuments: string | undefined;
  version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.reason}`).join('\n')}\n` +
        'Fix these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      reason: issue.message,
    }));
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(e.KERUEN_DATA_DIR ?? defaultDataDir(env)),
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.KERUEN_CORS_ORIGINS,
    demoDocuments: e.KERUEN_DEMO_DOCUMENTS ? resolve(e.KERUEN_DEMO_DOCUMENTS) : sharedSeeds(),
    version: KERUEN_VERSION,
  };
}

function sharedSeeds(): string | undefined {
  const folder = fileURLToPath(new URL('../../shared/corpus/seeds', import.meta.url));
  return existsSync(folder) ? folder : undefined;
}

/** The database a command uses: the server named by DATABASE_URL, else the embedded database (or the demo one). */
export function databaseTarget(config: Config, options: { demo?: boolean } = {}): DatabaseTarget {
  if (config.databaseUrl) return { engine: 'postgres', url: config.databaseUrl };
  return { engine: 'pglite', dataDir: join(config.dataDir, options.demo ? 'demo' : 'db') };
}

/** Settings only the test suite uses: which engine to run database tests on. */
export function testSettings(env: NodeJS.ProcessEnv = process.env): {
  engine: 'pglite' | 'postgres';
  databaseUrl: string | undefined;
} {
  const engine = env.KERUEN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  return { engine, databaseUrl: env.DATABASE_URL || undefined };
}
