// Loads the demo records of cooperation and transport: each checked by its kind's schema, written by its
// natural key (so a second load changes nothing), refs and links resolved from the demo's own keys.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/index.js';
import { inputSchema, type KindRegistry, splitInput, upsertRecord } from '../../records/index.js';
import { DEMO_RECORDS } from './records.js';

export async function loadCooperationDemo(
  trx: Transaction<DB>,
  registry: KindRegistry,
): Promise<{ records: number }> {
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`demo record ${key} is referred to before it is defined`);
    return id;
  };
  // Links may point forward: records first, links once every record has its id.
  for (const record of DEMO_RECORDS) {
    const spec = registry.get(record.kind);
    const refs = Object.fromEntries(
      Object.entries(record.refs ?? {}).map(([field, key]) => [field, idOf(key)]),
    );
    const parsed = inputSchema(spec).parse({
      ...record.fields,
      ...refs,
      ...(record.countries ? { countries: record.countries } : {}),
      sources: record.sources.map((citation) => ({ citation })),
    });
    const { id } = await upsertRecord(trx, registry, spec, splitInput(spec, parsed), 'demo', 'replace');
    ids.set(record.key, id);
  }
  for (const record of DEMO_RECORDS) {
    if (!record.links?.length) continue;
    const spec = registry.get(record.kind);
    const parsed = inputSchema(spec).parse({
      ...record.fields,
      ...Object.fromEntries(Object.entries(record.refs ?? {}).map(([field, key]) => [field, idOf(key)])),
      ...(record.countries ? { countries: record.countries } : {}),
      links: record.links.map((l) => ({ to: idOf(l.to), relation: l.relation })),
    });
    await upsertRecord(trx, registry, spec, splitInput(spec, parsed), 'demo', 'replace');
  }
  return { records: DEMO_RECORDS.length };
}
