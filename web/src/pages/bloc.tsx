// A bloc: its members over time and its mutual trade, official (from members' pairs) and reported.
import { useTranslation } from 'react-i18next';
import { useApi } from '../api';
import { Loaded, SourceLink } from '../components';
import { countryName, date, money } from '../format';

interface Bloc {
  code: string;
  names: Record<string, string>;
  members: { country: string; from: string; until: string | null; role: string }[];
}

interface BlocTrade {
  years: { year: number; value: number; members: string[] }[];
  reported: {
    id: number;
    period: { from: string; to: string };
    value: number;
    currency: string;
    sources: {
      title: string | null;
      url: string | null;
      publisher: string | null;
      published: string | null;
    }[];
  }[];
}

export default function BlocPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const bloc = useApi<Bloc>(`/api/v1/blocs/${encodeURIComponent(code.toUpperCase())}`);
  const trade = useApi<BlocTrade>(`/api/v1/blocs/${encodeURIComponent(code.toUpperCase())}/trade`);
  return (
    <Loaded load={bloc}>
      {(b) => (
        <>
          <h1>{b.names[i18n.language] ?? b.names.en ?? b.code}</h1>
          <section aria-labelledby="members-title">
            <h2 id="members-title">{t('overview.members')}</h2>
            <ul className="records">
              {b.members.map((m) => (
                <li key={`${m.country}-${m.from}`}>
                  {countryName(m.country)} — {m.role}, {date(m.from)}
                  {m.until ? ` – ${date(m.until)}` : ''}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="bloc-trade-title">
            <h2 id="bloc-trade-title">{t('pair.turnover')}</h2>
            <Loaded load={trade}>
              {(tr) => (
                <ul className="records">
                  {tr.years.map((y) => (
                    <li key={y.year}>
                      {y.year}: {money(y.value)} ({t('pair.official', { side: y.members.join(', ') })})
                    </li>
                  ))}
                  {tr.reported.map((r) => (
                    <li key={r.id}>
                      {r.period.from}..{r.period.to}: <strong>{money(r.value, r.currency)}</strong> (
                      {t('pair.reported')}){' '}
                      {r.sources[0] ? (
                        <SourceLink
                          citation={{
                            title: r.sources[0].title ?? '',
                            publisher: r.sources[0].publisher ?? '',
                            published: r.sources[0].published ?? '',
                            url: r.sources[0].url,
                          }}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </Loaded>
          </section>
        </>
      )}
    </Loaded>
  );
}
