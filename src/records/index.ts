// Linked records with sources, history and links, described per kind: the engine under cooperation
// and transport (their kinds live in those folders).
export { registerRecordCommands } from './cli.js';
export {
  amountWithCurrency,
  type Citation,
  type Derived,
  type FieldSpec,
  type Fields,
  type Geometry,
  geometrySchema,
  inOrder,
  inputSchema,
  type KindSpec,
  keyText,
  ordinal,
  personSchema,
  queryText,
  type RecordInput,
  type RecordSummary,
  type RecordView,
  type SourceInput,
  splitInput,
} from './model.js';
export { exportPackage, importPackage } from './package.js';
export { recordTotals } from './repository.js';
export { recordRoutes } from './routes.js';
export {
  createRecord,
  getRecord,
  KindRegistry,
  listRecords,
  recordsConcerning,
  recordViews,
  upsertRecord,
} from './service.js';
