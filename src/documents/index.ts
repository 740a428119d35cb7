// Documents and the review queue: stored documents, their proposed facts, decisions on them.
export { registerDocumentCommands } from './cli.js';
export { documentRoutes } from './routes.js';
export {
  type Decision,
  type DocumentDetail,
  type DocumentSummary,
  decideFact,
  type FactView,
  getDocument,
  getFact,
  ingestDocument,
  listDocuments,
  MAX_DOCUMENT_CHARS,
  type ReviewItem,
  reviewCounts,
  reviewQueue,
} from './service.js';
