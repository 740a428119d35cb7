// SQL of demo loading: which version of the demo data is loaded.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export class DemoRepository {
  constructor(private readonly db: Executor) {}

  async lock(): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext('keruen.demo-load'))`.execute(this.db);
  }

  async loadedDigest(name: string): Promise<string | undefined> {
    return (
      await this.db.selectFrom('reference_load').select('digest').where('name', '=', name).executeTakeFirst()
    )?.digest;
  }

  async setLoaded(name: string, digest: string): Promise<void> {
    await this.db
      .insertInto('reference_load')
      .values({ name, digest, loaded_at: new Date() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ digest, loaded_at: new Date() }))
      .execute();
  }
}
