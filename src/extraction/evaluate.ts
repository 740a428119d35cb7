// Scores extracted facts against gold facts by the rules of facts.md "Scoring": micro-averaged
// precision, recall and F1 per kind; bound, change_pct and horizon as accuracy over matched pairs.

/** A fact as it appears in a gold file or in the extractor's output (loosely typed: gold files are data). */
export type LooseFact = Record<string, unknown> & { kind: string; optional?: boolean };

export interface DocumentScore {
  id: string;
  gold: LooseFact[];
  predicted: LooseFact[];
}

export interface KindScore {
  kind: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  document: string;
  type: 'missed' | 'spurious';
  fact: LooseFact;
}

export interface Evaluation {
  documents: number;
  kinds: KindScore[];
  /** trade_turnover and trade_target together: the figure the extractor is held to. */
  trade: KindScore;
  overall: KindScore;
  attributes: { bound: Accuracy; change_pct: Accuracy; horizon: Accuracy };
  misses: Miss[];
}

export interface Accuracy {
  right: number;
  total: number;
  accuracy: number;
}

const TRADE_KINDS = new Set(['trade_turnover', 'trade_target']);

function scopeKey(scope: unknown): string {
  const s = scope as { countries?: string[]; group?: string } | undefined;
  if (!s) return '';
  if (s.group) return `group:${s.group}`;
  return `countries:${[...(s.countries ?? [])].sort().join(',')}`;
}

function periodKey(period: unknown): string {
  const p = period as { from?: string; to?: string } | undefined | null;
  return p ? `${p.from}..${p.to}` : '';
}

function valueClose(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a == null && b == null;
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  if (y === 0) return x === 0;
  return Math.abs(x - y) / Math.abs(y) <= 0.005;
}

function words(text: unknown): Set<string> {
  return new Set(
    String(text ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2),
  );
}

function titleSimilar(a: unknown, b: unknown): boolean {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size) >= 0.5;
}

/** Whether a prediction matches a gold fact, by the rules of its kind. */
export function factsMatch(predicted: LooseFact, gold: LooseFact): boolean {
  if (predicted.kind !== gold.kind) return false;
  switch (gold.kind) {
    case 'trade_turnover':
    case 'trade_target': {
      if (scopeKey(predicted.scope) !== scopeKey(gold.scope)) return false;
      if (predicted.flow !== gold.flow) return false;
      if (gold.flow === 'exports' && (predicted.from !== gold.from || predicted.to !== gold.to)) return false;
      if (predicted.currency !== gold.currency) return false;
      if (gold.kind === 'trade_turnover' && periodKey(predicted.period) !== periodKey(gold.period))
        return false;
      if (gold.kind === 'trade_target' && (predicted.by ?? null) !== (gold.by ?? null)) return false;
      return valueClose(predicted.value, gold.value);
    }
    case 'project_portfolio':
      return (
        scopeKey(predicted.scope) === scopeKey(gold.scope) &&
        predicted.status === gold.status &&
        (predicted.count ?? null) === (gold.count ?? null) &&
        valueClose(predicted.value, gold.value)
      );
    case 'agreement':
      return (
        predicted.type === gold.type &&
        [...((predicted.parties as string[]) ?? [])].sort().join() ===
          [...((gold.parties as string[]) ?? [])].sort().join() &&
        titleSimilar(predicted.title, gold.title)
      );
    case 'meeting':
      return (predicted.number ?? null) === (gold.number ?? null) && titleSimilar(predicted.body, gold.body);
    default:
      return JSON.stringify(predicted) === JSON.stringify(gold);
  }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function score(kind: string, tp: number, fp: number, fn: number): KindScore {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { kind, tp, fp, fn, precision, recall, f1 };
}

/**
 * Scores every document. A prediction is matched to a required gold fact before an optional one;
 * each gold fact is matched at most once; predictions matched to optional facts count neither way.
 */
export function evaluate(input: DocumentScore[]): Evaluation {
  // Only kinds that the gold set annotates are scored: predictions of other kinds have nothing to be checked against.
  const annotated = new Set(input.flatMap((d) => d.gold.map((g) => g.kind)));
  const documents = input.map((d) => ({ ...d, predicted: d.predicted.filter((p) => annotated.has(p.kind)) }));
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (kind: string) => {
    let c = counts.get(kind);
    if (!c) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(kind, c);
    }
    return c;
  };
  const attributes = {
    bound: { right: 0, total: 0 },
    change_pct: { right: 0, total: 0 },
    horizon: { right: 0, total: 0 },
  };
  const misses: Miss[] = [];

  for (const doc of documents) {
    const goldUsed = new Set<number>();
    const matchedPredictions = new Set<number>();
    for (const pass of ['required', 'optional'] as const) {
      doc.predicted.forEach((p, pi) => {
        if (matchedPredictions.has(pi)) return;
        const gi = doc.gold.findIndex(
          (g, i) => !goldUsed.has(i) && Boolean(g.optional) === (pass === 'optional') && factsMatch(p, g),
        );
        if (gi === -1) return;
        goldUsed.add(gi);
        matchedPredictions.add(pi);
        const g = doc.gold[gi]!;
        if (pass === 'optional') return;
        count(g.kind).tp++;
        if (TRADE_KINDS.has(g.kind)) {
          attributes.bound.total++;
          if ((p.bound ?? 'exact') === (g.bound ?? 'exact')) attributes.bound.right++;
          attributes.change_pct.total++;
          const pc = p.change_pct as number | undefined;
          const gc = g.change_pct as number | undefined;
          if (
            (pc === undefined && gc === undefined) ||
            (pc !== undefined && gc !== undefined && Math.abs(pc - gc) < 0.05)
          ) {
            attributes.change_pct.right++;
          }
          if (g.kind === 'trade_target') {
            attributes.horizon.total++;
            if ((p.horizon ?? null) === (g.horizon ?? null)) attributes.horizon.right++;
          }
        }
      });
    }
    doc.predicted.forEach((p, pi) => {
      if (matchedPredictions.has(pi)) return;
      count(p.kind).fp++;
      misses.push({ document: doc.id, type: 'spurious', fact: p });
    });
    doc.gold.forEach((g, gi) => {
      if (goldUsed.has(gi) || g.optional) return;
      count(g.kind).fn++;
      misses.push({ document: doc.id, type: 'missed', fact: g });
    });
  }

  const kinds = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, c]) => score(k, c.tp, c.fp, c.fn));
  const sum = (filter: (k: KindScore) => boolean, name: string) => {
    const chosen = kinds.filter(filter);
    return score(
      name,
      chosen.reduce((s, k) => s + k.tp, 0),
      chosen.reduce((s, k) => s + k.fp, 0),
      chosen.reduce((s, k) => s + k.fn, 0),
    );
  };
  const accuracy = (a: { right: number; total: number }): Accuracy => ({
    ...a,
    accuracy: ratio(a.right, a.total),
  });
  return {
    documents: documents.length,
    kinds,
    trade: sum((k) => TRADE_KINDS.has(k.kind), 'trade'),
    overall: sum(() => true, 'overall'),
    attributes: {
      bound: accuracy(attributes.bound),
      change_pct: accuracy(attributes.change_pct),
      horizon: accuracy(attributes.horizon),
    },
    misses,
  };
}
