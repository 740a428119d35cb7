// Upgrades of a database holding data: each migration that derives data from what is stored is applied
// to a database written by the release before it.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo, openDatabase } from '../src/db/index.js';
import { emptyTarget } from './support/db.js';

const target = await emptyTarget();
afterAll(() => target.drop());

it('0010 builds the search vocabularies from the producers already stored, 0014 their variants in arrays', async () => {
  const database = target.vars.DATABASE_URL
    ? await openDatabase({ engine: 'postgres', url: target.vars.DATABASE_URL })
    : await openDatabase({ engine: 'pglite', dataDir: target.vars.KERUEN_DATA_DIR! });
  try {
    const db = database.db as Kysely<unknown>;
    await migrateUpTo(db, '0009-audit-events');
    await sql`insert into country (code, alpha3, numeric, names) values ('KZ', 'KAZ', '398', '{}')`.execute(
      db,
    );
    await sql`insert into producer (country, natural_key, name, names_key, names_skeleton, products_key, content_hash)
              values ('KZ', 'KZ:kazcink:', 'ТОО «Казцинк»', 'kazcink | kazzinc', 'kzcnk | kzznc', 'zinc', 'x')`.execute(
      db,
    );
    await migrateUpTo(db, '0010-create-search-words');
    const names = await sql<{
      word: string;
      skeleton: string;
    }>`select word, skeleton from producer_name_word order by word`.execute(db);
    expect(names.rows).toEqual([
      { word: 'kazcink', skeleton: 'kzcnk' },
      { word: 'kazzinc', skeleton: 'kzznc' },
    ]);
    const variants = await sql<{
      word: string;
    }>`select word from producer_name_word_variant where variant = 'kazink'`.execute(db);
    expect(variants.rows.map((r) => r.word).sort()).toEqual(['kazcink']);
    // 0014 keeps the variants in an array beside each word.
    expect(await migrateToLatest(db)).toContain('0014-word-variants-in-arrays');
    const arrays = await sql<{ word: string; variants: string[] }>`
      select word, variants from producer_name_word where variants @> array['kazink'] order by word`.execute(
      db,
    );
    expect(arrays.rows).toEqual([
      { word: 'kazcink', variants: ['azcink', 'kacink', 'kazcik', 'kazcin', 'kazcnk', 'kazink', 'kzcink'] },
    ]);
    const products = await sql<{ word: string }>`select word from producer_product_word`.execute(db);
    expect(products.rows).toEqual([{ word: 'zinc' }]);
    const found = await sql<{ id: number }>`
      select id from producer where to_tsvector('simple', names_key) @@ to_tsquery('simple', 'kazzinc')`.execute(
      db,
    );
    expect(found.rows).toHaveLength(1);
  } finally {
    await database.close();
  }
});
