// GeoJSON (RFC 7946) of the records that have a place: joint projects, infrastructure, checkpoints.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { type KindRegistry, type KindSpec, listRecords } from '../records/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The kinds a map shows. */
export const MAPPED_KINDS = ['project', 'infrastructure', 'checkpoint'] as const;
const MAX_FEATURES = 20_000;

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: number;
    geometry: NonNullable<ReturnType<NonNullable<KindSpec['geometry']>>>;
    properties: Record<string, unknown>;
  }[];
  /** Records of these kinds that have no place yet (a foreign member, as RFC 7946 allows). */
  without_geometry: number;
}

export async function featureCollection(
  db: Executor,
  registry: KindRegistry,
  kinds: readonly string[],
  countries: string[],
): Promise<FeatureCollection> {
  const out: FeatureCollection = { type: 'FeatureCollection', features: [], without_geometry: 0 };
  for (const kind of kinds) {
    const spec = registry.get(kind);
    let cursor: string | undefined;
    do {
      const page = await listRecords(db, spec, { countries, cursor, limit: 200 });
      for (const record of page.results) {
        const geometry = spec.geometry?.(record) ?? null;
        if (!geometry) {
          out.without_geometry++;
          continue;
        }
        out.features.push({
          type: 'Feature',
          id: record.id,
          geometry,
          properties: {
            kind: record.kind,
            label: record.label,
            countries: record.countries,
            dated: record.dated,
            status: record.status ?? record.stage ?? null,
            type: record.type ?? record.mode ?? null,
            href: `/api/v1/${spec.path}/${record.id}`,
          },
        });
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor && out.features.length < MAX_FEATURES);
  }
  return out;
}
