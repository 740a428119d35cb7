// Country pairs: the pairs of Central Asia and every pair with a stated target, each with its latest
// target and how far the latest figure has come.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type Target, useApi } from '../api';
import { Loaded, StatusBadge } from '../components';
import { countryName, money, percent } from '../format';

const CENTRAL_ASIA = ['KZ', 'KG', 'TJ', 'TM', 'UZ'];

export default function Pairs() {
  const { t } = useTranslation();
  const targets = useApi<{ targets: Target[] }>('/api/v1/targets');
  return (
    <>
      <h1>{t('nav.pairs')}</h1>
      <Loaded load={targets}>
        {({ targets: all }) => {
          const latest = new Map<string, Target>();
          for (const target of all) {
            const c = target.scope.countries;
            if (c?.length !== 2) continue;
            const key = [...c].sort().join('-');
            const seen = latest.get(key);
            if (!seen || target.stated_on > seen.stated_on) latest.set(key, target);
          }
          const pairs = new Set(latest.keys());
          for (const a of CENTRAL_ASIA) for (const b of CENTRAL_ASIA) if (a < b) pairs.add(`${a}-${b}`);
          const name = (pair: string) =>
            pair
              .split('-')
              .map((c) => countryName(c))
              .join(' – ');
          return (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('overview.pair')}</th>
                    <th scope="col">{t('overview.target')}</th>
                    <th scope="col">{t('overview.latest')}</th>
                    <th scope="col">{t('overview.progress')}</th>
                    <th scope="col">{t('overview.statusCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...pairs]
                    .sort((x, y) => name(x).localeCompare(name(y)))
                    .map((pair) => {
                      const target = latest.get(pair);
                      return (
                        <tr key={pair}>
                          <th scope="row">
                            <Link href={`/pairs/${pair}`}>{name(pair)}</Link>
                          </th>
                          <td className="num">{target ? money(target.value, target.currency) : '—'}</td>
                          <td className="num">
                            {target?.latest ? `${money(target.latest.value)} (${target.latest.year})` : '—'}
                          </td>
                          <td className="num">{percent(target?.progress, 0)}</td>
                          <td>{target ? <StatusBadge status={target.status} /> : null}</td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
