// The shape of demo trade data: a stated figure or target with its citation.

import type { ReportedFigure, StatedTarget } from '../reported.js';
import type { Citation } from '../repository.js';

export type DemoCitation = Citation;

export type DemoTradeEntry =
  | (ReportedFigure & { kind: 'figure'; source: DemoCitation })
  | (Omit<StatedTarget, 'statedOn' | 'reporter' | 'source'> & { kind: 'target'; source: DemoCitation });
