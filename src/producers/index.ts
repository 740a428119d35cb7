// Producers registry: records in every script, import, search across scripts, duplicates, matchmaking.
export { REGISTRY_TABLE_NAMES, vacuumRegistry } from './bulk-repository.js';
export { registerProducerCommands } from './cli.js';
export { loadProducerDemo } from './demo/load.js';
export { demoProducers } from './demo/producers.js';
export { evaluateSearch, RELEVANCE_QUERIES, type RelevanceReport } from './demo/relevance.js';
export { SINGLE_NAME_QUERIES, singleNameRows } from './demo/single-name.js';
export { generateProducerRows, PRODUCER_HEADER } from './generate.js';
export { importProducers } from './import.js';
export { matchProducers, scoreMatch, tonnes } from './match.js';
export type { MatchRequest, Producer, ProducerInput, SearchQuery } from './model.js';
export { checkNationalId } from './national-id.js';
export { hsCodesOfWords } from './products.js';
export { producerRoutes } from './routes.js';
export {
  createProducer,
  deleteProducer,
  duplicateCandidates,
  getProducer,
  mergeProducers,
  producerHistory,
  restoreProducer,
  searchForEvaluation,
  searchProducers,
  updateProducer,
} from './service.js';
export { romanize, searchKey, skeleton } from './translit.js';
