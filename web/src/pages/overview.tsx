// The overview: pairs on a map coloured by progress towards their targets, the targets with their status
// and sources, the latest meetings and documents signed.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type RecordView, type Target, useApi } from '../api';
import { Loaded, Sources, StatusBadge, TargetSource } from '../components';
import { countryName, date, money, percent } from '../format';
import { progressColour, RegionMap } from '../map';

function pairOf(target: Target): string | null {
  return target.scope.countries?.length === 2 ? target.scope.countries.join('-') : null;
}

/** The most recently stated target of each pair: what the map colours the pair by. */
function latestByPair(targets: Target[]): Target[] {
  const best = new Map<string, Target>();
  for (const t of targets) {
    const pair = pairOf(t);
    if (!pair) continue;
    const seen = best.get(pair);
    if (!seen || t.stated_on > seen.stated_on) best.set(pair, t);
  }
  return [...best.values()];
}

export function TargetWhen({ target }: { target: Target }) {
  const { t } = useTranslation();
  if (target.by) return <>{target.by}</>;
  if (target.horizon) return <>{t(`overview.horizon.${target.horizon}`)}</>;
  return null;
}

export default function Overview() {
  const { t } = useTranslation();
  const targets = useApi<{ targets: Target[] }>('/api/v1/targets');
  const meetings = useApi<{ results: RecordView[] }>('/api/v1/meetings?limit=6');
  const documents = useApi<{ results: RecordView[] }>('/api/v1/documents-signed?limit=6');
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.lead')}</p>
      <p>
        {t('overview.blocs')}: <Link href="/blocs/EAEU">EAEU</Link> ·{' '}
        <Link href="/blocs/CENTRAL_ASIA">Central Asia</Link>
      </p>
      <Loaded load={targets}>
        {({ targets: all }) => {
          const latest = latestByPair(all);
          return (
            <>
              <section aria-labelledby="map-title" className="card">
                <h2 id="map-title">{t('overview.map')}</h2>
                <RegionMap
                  label={t('overview.map')}
                  pairs={latest.map((target) => {
                    const [a, b] = target.scope.countries as [string, string];
                    return {
                      a,
                      b,
                      color: progressColour(target.progress, target.status),
                      label: `${countryName(a)} – ${countryName(b)}: ${money(target.latest?.value)} / ${money(target.value, target.currency)} (${percent(target.progress, 0)})`,
                      href: `/pairs/${a}-${b}`,
                    };
                  })}
                />
                <p className="legend">
                  {t('overview.mapLegend')}: <span className="swatch" style={{ background: '#dc2626' }} />{' '}
                  &lt; 40% <span className="swatch" style={{ background: '#d97706' }} /> 40–60%{' '}
                  <span className="swatch" style={{ background: '#65a30d' }} /> 60–90%{' '}
                  <span className="swatch" style={{ background: '#15803d' }} /> ≥ 90%{' '}
                  <span className="swatch" style={{ background: '#94a3b8' }} /> {t('status.unknown')}
                </p>
              </section>
              <section aria-labelledby="targets-title">
                <h2 id="targets-title">{t('overview.targets')}</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('overview.pair')}</th>
                        <th scope="col">{t('overview.target')}</th>
                        <th scope="col">{t('overview.by')}</th>
                        <th scope="col">{t('overview.latest')}</th>
                        <th scope="col">{t('overview.progress')}</th>
                        <th scope="col">{t('overview.statusCol')}</th>
                        <th scope="col">{t('source')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {latest
                        .sort((x, y) => (y.progress ?? -1) - (x.progress ?? -1))
                        .map((target) => {
                          const pair = pairOf(target)!;
                          const [a, b] = pair.split('-') as [string, string];
                          return (
                            <tr key={target.id}>
                              <th scope="row">
                                <Link href={`/pairs/${pair}`}>
                                  {countryName(a)} – {countryName(b)}
                                </Link>
                              </th>
                              <td className="num">{money(target.value, target.currency)}</td>
                              <td>
                                <TargetWhen target={target} />
                              </td>
                              <td className="num">
                                {money(target.latest?.value)} {target.latest ? `(${target.latest.year})` : ''}
                              </td>
                              <td className="num">{percent(target.progress, 0)}</td>
                              <td>
                                <StatusBadge status={target.status} />
                              </td>
                              <td>
                                <TargetSource target={target} />
                              </td>
                            </tr>
                          );
                        })}
                    </tbody>
                  </table>
                </div>
              </section>
            </>
          );
        }}
      </Loaded>
      <div className="columns">
        <section aria-labelledby="meetings-title">
          <h2 id="meetings-title">{t('overview.meetings')}</h2>
          <Loaded load={meetings}>{(page) => <RecordList records={page.results} />}</Loaded>
        </section>
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t('overview.documents')}</h2>
          <Loaded load={documents}>{(page) => <RecordList records={page.results} />}</Loaded>
        </section>
      </div>
    </>
  );
}

export function RecordList({ records }: { records: RecordView[] }) {
  return (
    <ul className="records">
      {records.map((r) => (
        <li key={r.id}>
          <span className="when">{date(r.dated)}</span>{' '}
          <Link href={`/records/${r.id}`} className="what">
            {r.label}
          </Link>{' '}
          {r.effective_status ? <StatusBadge status={r.effective_status} /> : null}
          <br />
          <Sources sources={r.sources} />
        </li>
      ))}
    </ul>
  );
}
