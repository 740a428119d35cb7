// A country pair: trade by year (official per reporter side, the pair's value, reported figures with their
// sources), targets with the path they require, top HS chapters, and the pair's meetings, documents,
// commitments and projects. /pairs/KZ-UZ/brief is the same for print.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type RecordView, type Target, useApi } from '../api';
import { Loaded, Sources, StatusBadge, TargetSource } from '../components';
import { countryName, date, money, percent } from '../format';
import { TargetWhen } from './overview';

interface PairSummary {
  pair: [string, string];
  latest: { year: number; value: number; kind: string } | null;
  trend_cagr: number | null;
  series: { year: number; value: number; kind: string }[];
  targets: Target[];
  top_chapters: { chapter: string; title?: string; value: number }[];
  top_chapters_year: number | null;
}

interface ReportedFigure {
  id: number;
  period: { from: string; to: string };
  value: number;
  currency: string;
  conflict: boolean;
  sources: {
    fact_id: number | null;
    document_id: number | null;
    title: string | null;
    url: string | null;
    publisher: string | null;
    published: string | null;
    quote: string | null;
  }[];
}

interface TradeSeries {
  official: {
    sides: Record<string, { year: number; value: number }[]>;
    pair: { year: number; value: number }[];
  };
  reported: ReportedFigure[];
}

type Cooperation = Record<
  | 'meetings'
  | 'documents_signed'
  | 'commitments'
  | 'projects'
  | 'portfolios'
  | 'infrastructure'
  | 'checkpoints',
  RecordView[]
>;

const SIDE_COLOURS = ['#0f766e', '#7c3aed'];

/** 1, 2 or 5 times a power of ten, at least `raw`: axis steps a reader can add up. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function TradeChart({ summary, trade, label }: { summary: PairSummary; trade: TradeSeries; label: string }) {
  const { t } = useTranslation();
  const annual = trade.reported.filter(
    (r) =>
      r.period.from.endsWith('-01') &&
      r.period.to.endsWith('-12') &&
      r.period.from.slice(0, 4) === r.period.to.slice(0, 4),
  );
  const target = summary.targets.find((x) => x.target_year !== null) ?? summary.targets[0];
  const points = [
    ...annual.map((r) => ({ year: Number(r.period.from.slice(0, 4)), value: r.value })),
    ...Object.values(trade.official.sides).flat(),
    ...trade.official.pair,
  ];
  if (points.length === 0) return <p className="muted">{t('pair.noSeries')}</p>;
  // The trend's projection: from the latest value at the trend's growth, up to the target's year (or the
  // year the trend reaches the target, when that is sooner).
  const trend =
    target?.latest && target.trend_cagr !== null && target.trend_cagr > -1
      ? Array.from(
          {
            length:
              Math.max(
                1,
                Math.min(
                  15,
                  (target.projected_year ?? target.target_year ?? target.latest.year + 5) -
                    target.latest.year,
                ),
              ) + 1,
          },
          (_, i) => ({
            year: target.latest!.year + i,
            value: target.latest!.value * (1 + target.trend_cagr!) ** i,
          }),
        )
      : null;
  if (trend) points.push(...trend);
  const years = points.map((p) => p.year);
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years, target?.target_year ?? 0);
  const step = niceStep(Math.max(...points.map((p) => p.value), target?.value ?? 0) / 4);
  const maxValue =
    step * Math.ceil((Math.max(...points.map((p) => p.value), target?.value ?? 0) * 1.05) / step);
  const w = 760;
  const h = 300;
  const pad = { l: 70, r: 20, t: 16, b: 34 };
  const x = (year: number) =>
    pad.l + ((year - minYear) / Math.max(1, maxYear - minYear)) * (w - pad.l - pad.r);
  const y = (value: number) => h - pad.b - (value / maxValue) * (h - pad.t - pad.b);
  const ticks = Array.from({ length: Math.round(maxValue / step) + 1 }, (_, i) => step * i);
  const yearsAxis = Array.from({ length: maxYear - minYear + 1 }, (_, i) => minYear + i);
  const line = (series: { year: number; value: number }[]) =>
    series.map((p) => `${x(p.year)},${y(p.value)}`).join(' ');
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} className="chart" role="img" aria-label={label}>
        <title>{label}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={pad.l - 6} y={y(v)} dy="0.32em" textAnchor="end" className="axis">
              {money(v)}
            </text>
          </g>
        ))}
        {yearsAxis.map((year) => (
          <text key={year} x={x(year)} y={h - 10} textAnchor="middle" className="axis">
            {year}
          </text>
        ))}
        {Object.entries(trade.official.sides).map(([side, series], i) =>
          series.length > 0 ? (
            <polyline
              key={side}
              points={line(series)}
              fill="none"
              stroke={SIDE_COLOURS[i % 2]}
              strokeWidth={2.5}
            />
          ) : null,
        )}
        {trade.official.pair.length > 0 ? (
          <polyline points={line(trade.official.pair)} fill="none" stroke="#0f172a" strokeWidth={3} />
        ) : null}
        {target ? (
          <g className="target">
            <line
              x1={pad.l}
              x2={w - pad.r}
              y1={y(target.value)}
              y2={y(target.value)}
              stroke="#b91c1c"
              strokeDasharray="6 4"
            />
            <text x={w - pad.r} y={y(target.value) - 6} textAnchor="end" className="axis">
              {t('pair.targetLine')}: {money(target.value, target.currency)}{' '}
              {target.target_year ? `(${target.target_year})` : ''}
            </text>
            {target.latest && target.target_year ? (
              <line
                x1={x(target.latest.year)}
                y1={y(target.latest.value)}
                x2={x(target.target_year)}
                y2={y(target.value)}
                stroke="#b91c1c"
                strokeOpacity={0.5}
                strokeDasharray="2 4"
              >
                <title>{t('pair.required')}</title>
              </line>
            ) : null}
            {trend ? (
              <polyline
                points={line(trend)}
                fill="none"
                stroke="#0f172a"
                strokeOpacity={0.55}
                strokeDasharray="8 5"
                strokeWidth={2}
              >
                <title>{t('pair.trendLine', { pct: percent(target.trend_cagr) })}</title>
              </polyline>
            ) : null}
          </g>
        ) : null}
        {annual.map((r) => {
          const source = r.sources[0];
          const href = source?.document_id
            ? `/documents/${source.document_id}#fact-${source.fact_id}`
            : (source?.url ?? undefined);
          const tip = `${money(r.value, r.currency)} (${r.period.from.slice(0, 4)})${source ? ` — ${source.quote ?? `${source.publisher}, ${source.published}: ${source.title}`}` : ''}`;
          const dot = (
            <circle
              key={`dot-${r.id}`}
              cx={x(Number(r.period.from.slice(0, 4)))}
              cy={y(r.value)}
              r={6}
              className={r.conflict ? 'point conflict' : 'point'}
            >
              <title>{tip}</title>
            </circle>
          );
          return href ? (
            <a key={r.id} href={href} aria-label={tip}>
              {dot}
            </a>
          ) : (
            <g key={r.id}>{dot}</g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {Object.entries(trade.official.sides).map(([side, series], i) =>
          series.length === 0 ? null : (
            <span key={side}>
              <span className="swatch" style={{ background: SIDE_COLOURS[i % 2] }} />{' '}
              {t('pair.official', { side: countryName(side) })}{' '}
            </span>
          ),
        )}
        <span className="swatch dot" /> {t('pair.reported')} <span className="swatch dashed" />{' '}
        {t('pair.targetLine')}
      </figcaption>
    </figure>
  );
}

export function TargetsList({ targets }: { targets: Target[] }) {
  const { t } = useTranslation();
  return (
    <ul className="targets">
      {targets.map((target) => (
        <li key={target.id}>
          <strong>{money(target.value, target.currency)}</strong> — <TargetWhen target={target} />{' '}
          <StatusBadge status={target.status} />{' '}
          <span className="muted">{t('pair.stated', { date: date(target.stated_on) })}</span>
          <br />
          {percent(target.progress, 0)} ·{' '}
          {target.required_cagr !== null
            ? `${t('pair.requiredGrowth', { pct: percent(target.required_cagr) })} · `
            : ''}
          {target.trend_cagr !== null
            ? `${t('pair.trendGrowth', { pct: percent(target.trend_cagr) })} · `
            : ''}
          {target.projected_year ? `${t('pair.projected', { year: target.projected_year })} · ` : ''}
          <TargetSource target={target} />
        </li>
      ))}
    </ul>
  );
}

export function CooperationSections({
  cooperation,
  brief = false,
}: {
  cooperation: Cooperation;
  brief?: boolean;
}) {
  const { t } = useTranslation();
  const sections: [keyof Cooperation, string][] = [
    ['commitments', t('pair.commitments')],
    ['meetings', t('pair.meetings')],
    ['documents_signed', t('pair.documents')],
    ['projects', t('pair.projects')],
    ['portfolios', t('pair.portfolios')],
  ];
  return (
    <>
      {sections.map(([key, title]) =>
        cooperation[key].length === 0 ? null : (
          <section key={key} aria-label={title}>
            <h3>{title}</h3>
            <ul className="records">
              {cooperation[key].slice(0, brief ? 8 : 50).map((r) => (
                <li key={r.id}>
                  <span className="when">
                    {key === 'commitments' && r.due_on
                      ? t('pair.due', { date: date(String(r.due_on)) })
                      : date(r.dated)}
                  </span>{' '}
                  <Link href={`/records/${r.id}`} className="what">
                    {r.label}
                  </Link>{' '}
                  {(r.effective_status ?? r.status ?? r.type) ? (
                    <StatusBadge status={String(r.effective_status ?? r.status ?? r.type)} />
                  ) : null}
                  <br />
                  <Sources sources={r.sources} />
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </>
  );
}

export default function Pair({ pair }: { pair: string }) {
  const { t } = useTranslation();
  const [a, b] = pair.toUpperCase().split('-') as [string, string];
  const summary = useApi<PairSummary>(`/api/v1/pairs/${a}-${b}`);
  const trade = useApi<TradeSeries>(`/api/v1/trade?countries=${a},${b}`);
  const cooperation = useApi<Cooperation>(`/api/v1/pairs/${a}-${b}/cooperation`);
  const title = t('pair.title', { a: countryName(a), b: countryName(b) });
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link href={`/pairs/${a}-${b}/brief`}>{t('pair.brief')}</Link>
      </p>
      <Loaded load={summary}>
        {(s) => (
          <div className="columns">
            <section aria-labelledby="trade-title" className="card wide">
              <h2 id="trade-title">{t('pair.turnover')}</h2>
              <Loaded load={trade}>
                {(tr) => <TradeChart summary={s} trade={tr} label={`${title}: ${t('pair.turnover')}`} />}
              </Loaded>
            </section>
            <section aria-labelledby="targets-title" className="card">
              <h2 id="targets-title">{t('pair.targets')}</h2>
              <TargetsList targets={s.targets} />
              {s.top_chapters.length > 0 ? (
                <>
                  <h3>
                    {t('pair.chapters')} ({s.top_chapters_year})
                  </h3>
                  <ol>
                    {s.top_chapters.map((c) => (
                      <li key={c.chapter}>
                        {c.chapter} {c.title ?? ''}: {money(c.value)}
                      </li>
                    ))}
                  </ol>
                </>
              ) : null}
            </section>
          </div>
        )}
      </Loaded>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('pair.timeline')}</h2>
        <Loaded load={cooperation}>{(c) => <CooperationSections cooperation={c} />}</Loaded>
      </section>
    </>
  );
}

export function Brief({ pair }: { pair: string }) {
  const { t } = useTranslation();
  const [a, b] = pair.toUpperCase().split('-') as [string, string];
  const summary = useApi<PairSummary>(`/api/v1/pairs/${a}-${b}`);
  const cooperation = useApi<Cooperation>(`/api/v1/pairs/${a}-${b}/cooperation`);
  return (
    <article className="brief">
      <h1>{t('brief.title', { a: countryName(a), b: countryName(b) })}</h1>
      <p className="muted">
        {t('brief.prepared', { date: date(new Date().toISOString().slice(0, 10)) })}{' '}
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t('brief.print')}
        </button>
      </p>
      <h2>{t('brief.trade')}</h2>
      <Loaded load={summary}>
        {(s) => (
          <>
            <p>
              {t('overview.latest')}: <strong>{money(s.latest?.value)}</strong>{' '}
              {s.latest ? `(${s.latest.year})` : ''}
            </p>
            <TargetsList targets={s.targets.slice(0, 4)} />
          </>
        )}
      </Loaded>
      <Loaded load={cooperation}>{(c) => <CooperationSections cooperation={c} brief />}</Loaded>
    </article>
  );
}
