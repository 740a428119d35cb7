// Joint projects and transport: a map of projects, infrastructure and checkpoints; projects in a table
// with a country filter; the records summed by status beside the portfolios as stated.
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { type RecordView, useApi } from '../api';
import { Loaded, Sources, StatusBadge } from '../components';
import { countryName, date, money, number } from '../format';
import { type MapFeature, RegionMap } from '../map';

const COUNTRIES = ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'RU', 'BY', 'AM', 'AZ'];

interface Rollup {
  groups: { key: string; count: number; value: Record<string, number>; jobs: number }[];
  total: { count: number; value: Record<string, number>; jobs: number };
  stated: RecordView[];
}

export default function Projects() {
  const { t } = useTranslation();
  const country = new URLSearchParams(useSearch()).get('country') ?? '';
  const [, navigate] = useLocation();
  const filter = country ? `country=${country}` : '';
  const geo = useApi<{ features: MapFeature[] }>(`/api/v1/geo/all?${filter}`);
  const projects = useApi<{ results: RecordView[] }>(`/api/v1/projects?limit=200&${filter}`);
  const infrastructure = useApi<{ results: RecordView[] }>(`/api/v1/infrastructure?limit=200&${filter}`);
  const checkpoints = useApi<{ results: RecordView[] }>(`/api/v1/checkpoints?limit=200&${filter}`);
  const rollup = useApi<Rollup>(`/api/v1/projects/rollup?by=status&${filter}`);
  const sum = (v: Record<string, number>) =>
    Object.entries(v)
      .map(([c, n]) => money(n, c))
      .join(' + ') || '—';
  return (
    <>
      <h1>{t('projects.title')}</h1>
      <label className="filter">
        {t('projects.filterCountry')}{' '}
        <select
          value={country}
          onChange={(e) => navigate(e.target.value ? `/projects?country=${e.target.value}` : '/projects')}
        >
          <option value="">—</option>
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {countryName(c)}
            </option>
          ))}
        </select>
      </label>
      <section className="card" aria-labelledby="projects-map">
        <h2 id="projects-map">{t('projects.map')}</h2>
        <Loaded load={geo}>{(fc) => <RegionMap label={t('projects.map')} features={fc.features} />}</Loaded>
        <p className="legend">
          <span className="swatch" style={{ background: '#b45309' }} /> {t('nav.projects')}{' '}
          <span className="swatch" style={{ background: '#1d4ed8' }} /> {t('projects.infrastructure')}{' '}
          <span className="swatch" style={{ background: '#7c3aed' }} /> {t('projects.checkpoints')}
        </p>
      </section>
      <section aria-labelledby="rollup-title">
        <h2 id="rollup-title">{t('projects.rollup')}</h2>
        <Loaded load={rollup}>
          {(r) => (
            <div className="columns">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('projects.statusCol')}</th>
                    <th scope="col">{t('projects.count')}</th>
                    <th scope="col">{t('projects.value')}</th>
                    <th scope="col">{t('projects.jobs')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">
                        <StatusBadge status={g.key} />
                      </th>
                      <td className="num">{number(g.count)}</td>
                      <td className="num">{sum(g.value)}</td>
                      <td className="num">{number(g.jobs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div>
                <h3>{t('projects.stated')}</h3>
                <ul className="records">
                  {r.stated.map((p) => (
                    <li key={p.id}>
                      <span className="when">{date(p.dated)}</span> {p.label}
                      <br />
                      <Sources sources={p.sources} />
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
        </Loaded>
      </section>
      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{t('nav.projects')}</h2>
        <Loaded load={projects}>
          {(page) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('projects.name')}</th>
                    <th scope="col">{t('projects.countries')}</th>
                    <th scope="col">{t('projects.sector')}</th>
                    <th scope="col">{t('projects.value')}</th>
                    <th scope="col">{t('projects.jobs')}</th>
                    <th scope="col">{t('projects.statusCol')}</th>
                    <th scope="col">{t('sources')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.label}</th>
                      <td>{p.countries.map(countryName).join(', ')}</td>
                      <td>{String(p.sector ?? '—')}</td>
                      <td className="num">
                        {typeof p.value === 'number' ? money(p.value, String(p.currency)) : '—'}
                      </td>
                      <td className="num">{number(p.jobs as number | null)}</td>
                      <td>
                        <StatusBadge status={String(p.status)} />
                      </td>
                      <td>
                        <Sources sources={p.sources} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      <div className="columns">
        <section aria-labelledby="infra-title">
          <h2 id="infra-title">{t('projects.infrastructure')}</h2>
          <Loaded load={infrastructure}>
            {(page) => (
              <ul className="records">
                {page.results.map((r) => (
                  <li key={r.id}>
                    {r.label} <StatusBadge status={String(r.stage)} />
                    <br />
                    <Sources sources={r.sources} />
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </section>
        <section aria-labelledby="checkpoints-title">
          <h2 id="checkpoints-title">{t('projects.checkpoints')}</h2>
          <Loaded load={checkpoints}>
            {(page) => (
              <ul className="records">
                {page.results.map((r) => (
                  <li key={r.id}>
                    {r.label} ({r.countries.map(countryName).join(' – ')}){' '}
                    <StatusBadge status={String(r.stage)} />
                    <br />
                    <Sources sources={r.sources} />
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </section>
      </div>
    </>
  );
}
