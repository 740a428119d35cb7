// Matchmaking: a buyer's request ("500 t of copper cathode delivered to Uzbekistan") → producers ranked by
// how well they fit, each with the reasons. The scoring is pure (scoreMatch); the candidates come from the
// registry's indexes (HS codes, products' words).
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { MatchRequest } from './model.js';
import { certificationKey } from './normalize.js';
import { hsCodesOfWords } from './products.js';
import { ProducerRepository, type StoredProducer } from './repository.js';
import { searchKey } from './translit.js';

export interface MatchReason {
  kind: 'hs' | 'products' | 'exports_to' | 'capacity' | 'certification' | 'size';
  detail: string;
  weight: number;
}

export interface MatchResult {
  id: number;
  name: string;
  country: string;
  city: string | null;
  score: number;
  reasons: MatchReason[];
}

const TONNES: Readonly<Record<string, number>> = {
  t: 1,
  tonnes: 1,
  tons: 1,
  ton: 1,
  tonne: 1,
  т: 1,
  тонн: 1,
  тонна: 1,
  тонны: 1,
  kg: 0.001,
  кг: 0.001,
  kt: 1000,
  'thousand tonnes': 1000,
  'тыс. тонн': 1000,
  'тыс тонн': 1000,
  mt: 1e6,
  'million tonnes': 1e6,
  'млн тонн': 1e6,
};

/** A quantity in tonnes from words such as "500 t", "1.2 thousand tonnes", "250 тыс. тонн"; else null. */
export function tonnes(text: string | null | undefined): number | null {
  if (!text) return null;
  const m =
    /(\d[\d\s]*(?:[.,]\d+)?)\s*(thousand tonnes|million tonnes|тыс\.? тонн|млн тонн|tonnes|tonne|tons|ton|тонн[аы]?|kt|mt|kg|кг|t|т)(?!\p{L})/iu.exec(
      text,
    );
  if (!m) return null;
  const value = Number(m[1]!.replace(/\s/g, '').replace(',', '.'));
  const unit = m[2]!.toLowerCase().replace(/\s+/g, ' ');
  const factor = TONNES[unit] ?? TONNES[unit.replace('.', '')];
  return Number.isFinite(value) && factor !== undefined ? value * factor : null;
}

/** How one producer fits a request (pure): the weights of the reasons, and the reasons in words. */
export function scoreMatch(
  producer: Pick<
    StoredProducer,
    | 'hs_prefixes'
    | 'hs_codes'
    | 'products_key'
    | 'export_markets'
    | 'capacity'
    | 'cert_keys'
    | 'certifications'
    | 'employees'
  >,
  request: {
    codes: string[];
    productKey: string;
    destination?: string;
    quantity?: number | null;
    certKeys: string[];
  },
): MatchReason[] {
  const reasons: MatchReason[] = [];
  // HS: the most specific requested code the producer makes; a chapter alone is a weaker fit.
  const exact = request.codes
    .filter((c) => producer.hs_prefixes.includes(c))
    .sort((a, b) => b.length - a.length)[0];
  const chapter = request.codes.map((c) => c.slice(0, 2)).find((c) => producer.hs_prefixes.includes(c));
  // A producer registered under the heading of a requested subheading (7110 for 711021) may well make it.
  const heading = request.codes.find((c) => c.length === 6 && producer.hs_codes.includes(c.slice(0, 4)));
  if (exact && exact.length >= 4) reasons.push({ kind: 'hs', detail: `makes HS ${exact}`, weight: 0.5 });
  else if (heading)
    reasons.push({
      kind: 'hs',
      detail: `makes goods of HS ${heading.slice(0, 4)}, the heading of ${heading}`,
      weight: 0.4,
    });
  else if (exact || chapter)
    reasons.push({ kind: 'hs', detail: `makes goods of HS chapter ${exact ?? chapter}`, weight: 0.3 });
  if (request.productKey) {
    const words = request.productKey.split(' ').filter((w) => w.length >= 4);
    const found = words.filter((w) => producer.products_key.includes(w));
    if (words.length > 0 && found.length > 0)
      reasons.push({
        kind: 'products',
        detail: `its products mention ${found.join(', ')}`,
        weight: 0.2 * (found.length / words.length),
      });
  }
  if (request.destination && producer.export_markets.includes(request.destination))
    reasons.push({ kind: 'exports_to', detail: `already exports to ${request.destination}`, weight: 0.2 });
  const capacity = tonnes(producer.capacity);
  if (request.quantity && capacity !== null) {
    if (capacity >= request.quantity)
      reasons.push({
        kind: 'capacity',
        detail: `capacity ${producer.capacity} covers the quantity`,
        weight: 0.1,
      });
  }
  for (const key of request.certKeys) {
    const i = producer.cert_keys.indexOf(key);
    if (i >= 0)
      reasons.push({
        kind: 'certification',
        detail: `certified ${producer.certifications.find((c) => certificationKey(c) === key) ?? key}`,
        weight: 0.1,
      });
  }
  if (producer.employees && producer.employees >= 250 && reasons.length > 0)
    reasons.push({ kind: 'size', detail: `${producer.employees} employees`, weight: 0.02 });
  return reasons;
}

export async function matchProducers(
  db: Kysely<DB>,
  request: MatchRequest,
): Promise<{
  request: { hs_codes: string[]; destination: string | null; quantity_tonnes: number | null };
  results: MatchResult[];
}> {
  const codes = new Set<string>();
  if (request.hs) codes.add(request.hs);
  for (const c of hsCodesOfWords(request.product ?? '')) codes.add(c);
  const wanted = [...codes].sort();
  // Producers of any requested code, its heading or its chapter; or whose products name the words.
  const prefixes = [
    ...new Set(wanted.flatMap((c) => [c, c.slice(0, 2), c.slice(0, 4)].filter((p) => p.length >= 2))),
  ];
  const productKey = request.product ? searchKey(request.product) : '';
  const repo = new ProducerRepository(db);
  // The products' words: each word of the request as itself or a near word of the registry's vocabulary.
  const words = productKey.split(' ').filter((w) => w.length >= 3);
  const productWords = await repo.wordQueries(
    'product',
    words.map((w) => [w]),
    6,
  );
  const rows = await repo.getMany(
    await repo.matchCandidates(prefixes, productWords.all, request.origin, 2000),
  );
  const quantity = tonnes(request.quantity);
  const certKeys = request.certifications.map(certificationKey);
  const results = rows
    .map((row) => {
      const reasons = scoreMatch(row, {
        codes: wanted,
        productKey,
        destination: request.destination,
        quantity,
        certKeys,
      });
      const score = reasons.reduce((s, r) => s + r.weight, 0);
      return {
        id: row.id,
        name: row.name,
        country: row.country,
        city: row.city,
        score: Math.round(score * 1000) / 1000,
        reasons,
      };
    })
    .filter((r) => r.reasons.some((x) => x.kind === 'hs' || x.kind === 'products'))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, request.limit);
  return {
    request: { hs_codes: wanted, destination: request.destination ?? null, quantity_tonnes: quantity },
    results,
  };
}
