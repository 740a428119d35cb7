// The shape of demo trade data: a stated figure or target with its citation.
export interface DemoCitation {
  title: string;
  publisher: string;
  published: string;
  url?: string;
}

export type DemoTradeEntry =
  | {
      kind: 'figure';
      scope: { countries: string[] } | { group: string };
      flow: 'turnover' | 'exports';
      from?: string;
      to?: string;
      value: number;
      currency: string;
      bound: string;
      period: { from: string; to: string };
      change_pct?: number;
      source: DemoCitation;
    }
  | {
      kind: 'target';
      scope: { countries: string[] } | { group: string };
      flow: 'turnover' | 'exports';
      from?: string;
      to?: string;
      value: number;
      currency: string;
      bound: string;
      by: string | null;
      horizon: 'short' | 'medium' | 'long' | null;
      source: DemoCitation;
    };
