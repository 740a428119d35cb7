// Loads the built-in reference data (countries, blocs, currencies, HS sections and chapters) in one
// transaction, only when what is stored differs from what this version ships. A process killed
// mid-load leaves nothing half-done: the next start loads it all again.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { BLOCS } from './data/blocs.js';
import { buildCountries } from './data/countries.js';
import { buildCurrencies } from './data/currencies.js';
import { HS_BUILTIN_VERSION, HS_CHAPTERS, HS_SECTIONS, sectionOfChapter } from './data/hs-chapters.js';
import { ReferenceRepository } from './repository.js';

const LOAD_NAME = 'builtin';

function builtinData() {
  const countries = buildCountries();
  const currencies = buildCurrencies();
  const chapters = Object.entries(HS_CHAPTERS).map(([code, title]) => ({
    version: HS_BUILTIN_VERSION,
    code,
    level: 2,
    parent: null,
    section: sectionOfChapter(Number(code)),
    title,
    description: null,
  }));
  return { countries, currencies, blocs: BLOCS, sections: HS_SECTIONS, chapters };
}

export interface LoadResult {
  loaded: boolean;
  digest: string;
}

/**
 * Makes sure the built-in reference data is stored. `onStart` is called when a load begins (the
 * server logs it). Safe to run from several processes at once: an advisory lock serializes them.
 */
export async function ensureReferenceData(db: Kysely<DB>, onStart?: () => void): Promise<LoadResult> {
  const data = builtinData();
  const digest = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  if ((await new ReferenceRepository(db).loadDigest(LOAD_NAME)) === digest) return { loaded: false, digest };
  onStart?.();
  return db.transaction().execute(async (trx) => {
    const repo = new ReferenceRepository(trx);
    await repo.lockForLoad();
    if ((await repo.loadDigest(LOAD_NAME)) === digest) return { loaded: false, digest };
    await repo.upsertCountries(data.countries);
    await repo.upsertCurrencies(
      data.currencies.map((c) => ({
        code: c.code,
        numeric: c.numeric,
        name: c.name,
        minor_units: c.minorUnits,
      })),
    );
    await repo.upsertBlocs(
      data.blocs.map((b) => ({ code: b.code, names: b.names, kind: b.kind, founded: b.founded })),
    );
    await repo.deleteMemberships(data.blocs.map((b) => b.code));
    await repo.insertMemberships(
      data.blocs.flatMap((b) =>
        b.members.map((m) => ({
          bloc_code: b.code,
          country_code: m.country,
          valid_from: m.from,
          valid_until: m.until ?? null,
          role: m.role ?? 'member',
          note: m.note ?? null,
        })),
      ),
    );
    await repo.upsertHsSections(
      data.sections.map((s) => ({ version: HS_BUILTIN_VERSION, code: s.code, title: s.title })),
    );
    await repo.upsertHsCodes(data.chapters);
    await repo.setLoadDigest(LOAD_NAME, digest);
    return { loaded: true, digest };
  });
}
