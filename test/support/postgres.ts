// Database names on the test PostgreSQL server.

/** The URL of the maintenance database on the same server (for CREATE/DROP DATABASE). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** The same server, another database. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(url: string, statement: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl(url) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `url` (for benchmarks): its URL, and how to drop it. */
export async function scratchDatabase(
  url: string,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  await admin(url, `create database ${name}`);
  return {
    url: databaseUrlFor(url, name),
    drop: () => admin(url, `drop database ${name} with (force)`),
  };
}
