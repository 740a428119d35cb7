import { defineConfig } from 'vitest/config';

// Every test runs on PGlite. With DATABASE_URL set, the database tests (*.db.test.ts) run again on
// that PostgreSQL server, each file in a fresh database cloned from a migrated template.
const onServer = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          env: { KERUEN_TEST_ENGINE: 'pglite' },
        },
      },
      ...(onServer
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
                env: { KERUEN_TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
