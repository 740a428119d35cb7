// Loads the demo producers (inside the demo's transaction): each one that is not there yet, with its names,
// its source and a history entry.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/index.js';
import { stageProducer } from '../prepare.js';
import { ProducerRepository } from '../repository.js';
import { demoProducers } from './producers.js';

export async function loadProducerDemo(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const repo = new ProducerRepository(db);
  let added = 0;
  for (const [i, input] of demoProducers().entries()) {
    const staged = stageProducer(i + 1, input);
    if (await repo.findActive(staged.row.natural_key, input.country, staged.row.national_id)) continue;
    const id = await repo.insert(staged.row, staged.contentHash);
    await repo.replaceNames(id, staged.names);
    await repo.addSource(id, 'demo', `Keruen demo producers #${i + 1}`);
    await repo.addHistory({
      producer_id: id,
      version: 1,
      action: 'create',
      actor: 'demo',
      before: null,
      after: await repo.snapshot(id),
    });
    added++;
  }
  return added;
}
