// Trade monitor: official statistics, reported figures and stated targets, and progress toward them.

export { registerTradeCommands } from './cli.js';
export { loadTradeDemo } from './demo/load.js';
export { blocTrade, pairSummary, targetsWithProgress, tradeSeries } from './monitor.js';
export { importTrade, parseTradeRow, TRADE_COLUMNS } from './official-import.js';
export { computeProgress, requiredCagr, targetYear, trendCagr } from './progress.js';
export {
  type Citation,
  listReported,
  listTargetRecords,
  type ReportedFigure,
  type ReportedObservation,
  recordReportedFigure,
  recordTarget,
  SAME_FIGURE_TOLERANCE,
  type StatedTarget,
  scopeFromKey,
  scopeKey,
  type Target,
  type TradeScope,
} from './reported.js';
export { tradeRoutes } from './routes.js';
export {
  createTarget,
  deleteTarget,
  getTarget,
  type NewTarget,
  restoreTarget,
  targetHistory,
  updateTarget,
} from './targets.js';
