// Cooperation: intergovernmental bodies, meetings, documents signed, commitments, joint projects and
// portfolios (records described in kinds.ts), a pair's view, rollups, and reviewed facts into records.
export { registerCooperationCommands } from './cli.js';
export { loadCooperationDemo } from './demo/load.js';
export { DEMO_RECORDS } from './demo/records.js';
export { COOPERATION_KINDS } from './kinds.js';
export { cooperationRoutes } from './routes.js';
export {
  applyCooperationFact,
  bodyType,
  effectiveStatus,
  type FactOrigin,
  overdueCommitments,
  pairCooperation,
  parsePair,
  projectRollup,
} from './service.js';
