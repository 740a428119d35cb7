// Trade monitor: reported figures and stated targets (official statistics and progress come next).
export {
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
