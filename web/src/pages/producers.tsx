// Producers: a search across scripts with country filter and facet counts, each result saying why it
// matched; a producer's profile; a matchmaking form for a buyer's request.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { api, useApi } from '../api';
import { Loaded } from '../components';
import { countryName, number } from '../format';

interface Hit {
  id: number;
  name: string;
  country: string;
  region: string | null;
  city: string | null;
  hs_codes: string[];
  products: string | null;
  export_markets: string[];
  certifications: string[];
  matched: {
    field: 'name' | 'products' | 'hs' | 'place';
    value: string;
    script?: string;
    similarity?: number;
  }[];
}

interface SearchResult {
  total: number;
  results: Hit[];
  facets: { country: { value: string; count: number }[] };
  ignored_words: string[];
}

function Matched({ hit }: { hit: Hit }) {
  const { t } = useTranslation();
  return (
    <span className="why">
      {t('producers.why')}:{' '}
      {hit.matched.map((m) => (
        <span key={`${m.field}:${m.value}`} className="reason">
          {t(`producers.field.${m.field}`)} “{m.value}”
          {m.similarity !== undefined ? ` (${Math.round(m.similarity * 100)}%)` : ''}
        </span>
      ))}
    </span>
  );
}

export default function Producers() {
  const { t } = useTranslation();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = params.get('q') ?? '';
  const country = params.get('country') ?? '';
  const [text, setText] = useState(q);
  const query = new URLSearchParams({ q, limit: '20', ...(country ? { country } : {}) });
  const results = useApi<SearchResult>(q ? `/api/v1/producers?${query}` : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/producers?${new URLSearchParams({ q: text, ...(country ? { country } : {}) })}`);
  };
  return (
    <>
      <h1>{t('producers.title')}</h1>
      <p className="lead">{t('producers.lead')}</p>
      <search>
        <form onSubmit={submit} className="search">
          <label htmlFor="producer-q">{t('producers.search')}</label>
          <input
            id="producer-q"
            name="q"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('producers.placeholder')}
          />
          <button type="submit">{t('producers.search')}</button>
        </form>
      </search>
      {q ? (
        <Loaded load={results}>
          {(r) => (
            <div className="columns">
              <aside aria-label={t('producers.country')} className="facets">
                <h2>{t('producers.country')}</h2>
                <ul>
                  <li>
                    <Link
                      href={`/producers?${new URLSearchParams({ q })}`}
                      aria-current={country === '' ? 'true' : undefined}
                    >
                      {t('producers.any')}
                    </Link>
                  </li>
                  {r.facets.country.map((f) => (
                    <li key={f.value}>
                      <Link
                        href={`/producers?${new URLSearchParams({ q, country: f.value })}`}
                        aria-current={country === f.value ? 'true' : undefined}
                      >
                        {countryName(f.value)} ({number(f.count)})
                      </Link>
                    </li>
                  ))}
                </ul>
              </aside>
              <section aria-live="polite" className="wide">
                {r.ignored_words.length > 0 && (
                  <p className="notice">{t('producers.ignored', { words: r.ignored_words.join(', ') })}</p>
                )}
                <p>{r.total === 0 ? t('producers.none') : t('producers.results', { count: r.total })}</p>
                <ol className="hits">
                  {r.results.map((hit) => (
                    <li key={hit.id}>
                      <Link href={`/producers/${hit.id}`} className="hit-name">
                        {hit.name}
                      </Link>{' '}
                      <span className="muted">
                        {countryName(hit.country)}
                        {hit.city ? `, ${hit.city}` : ''}
                      </span>
                      <br />
                      {hit.products ? <span>{hit.products}</span> : null}{' '}
                      <span className="muted">HS {hit.hs_codes.join(', ')}</span>
                      <br />
                      <Matched hit={hit} />
                    </li>
                  ))}
                </ol>
              </section>
            </div>
          )}
        </Loaded>
      ) : null}
      <MatchForm />
    </>
  );
}

interface MatchResult {
  results: {
    id: number;
    name: string;
    country: string;
    city: string | null;
    score: number;
    reasons: { kind: string; detail: string }[];
  }[];
}

function MatchForm() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ result?: MatchResult; error?: string; busy?: boolean }>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setState({ busy: true });
    try {
      const result = await api<MatchResult>('/api/v1/match', {
        method: 'POST',
        json: {
          product: String(form.get('product')),
          ...(form.get('destination') ? { destination: String(form.get('destination')).toUpperCase() } : {}),
          ...(form.get('quantity') ? { quantity: String(form.get('quantity')) } : {}),
        },
      });
      setState({ result });
    } catch (error) {
      setState({ error: (error as Error).message });
    }
  };
  return (
    <section aria-labelledby="match-title" className="card">
      <h2 id="match-title">{t('producers.match')}</h2>
      <form onSubmit={submit} className="match">
        <label>
          {t('producers.product')} <input name="product" required placeholder="copper cathode" />
        </label>
        <label>
          {t('producers.destination')} <input name="destination" maxLength={2} size={3} placeholder="UZ" />
        </label>
        <label>
          {t('producers.quantity')} <input name="quantity" placeholder="500 t" />
        </label>
        <button type="submit" disabled={state.busy}>
          {t('producers.find')}
        </button>
      </form>
      {state.error ? (
        <p className="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.result ? (
        <ol className="hits">
          {state.result.results.slice(0, 10).map((m) => (
            <li key={m.id}>
              <Link href={`/producers/${m.id}`}>{m.name}</Link>{' '}
              <span className="muted">
                {countryName(m.country)}
                {m.city ? `, ${m.city}` : ''}
              </span>
              <br />
              <span className="why">
                {t('producers.reasons')}: {m.reasons.map((r) => r.detail).join('; ')}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

interface Producer {
  id: number;
  name: string;
  other_names: { name: string; lang?: string | null; script: string }[];
  country: string;
  region: string | null;
  city: string | null;
  website: string | null;
  products: string | null;
  hs_codes: string[];
  export_markets: string[];
  certifications: string[];
  capacity: string | null;
  sources: { kind: string; reference: string }[];
}

export function ProducerProfile({ id }: { id: string }) {
  const { t } = useTranslation();
  const producer = useApi<Producer>(`/api/v1/producers/${encodeURIComponent(id)}`);
  return (
    <Loaded load={producer}>
      {(p) => (
        <article>
          <h1>{p.name}</h1>
          <p className="muted">{p.other_names.map((n) => n.name).join(' · ')}</p>
          <dl className="facts">
            <dt>{t('producers.country')}</dt>
            <dd>
              {countryName(p.country)}
              {p.region ? `, ${p.region}` : ''}
              {p.city ? `, ${p.city}` : ''}
            </dd>
            {p.products ? (
              <>
                <dt>{t('producers.field.products')}</dt>
                <dd>{p.products}</dd>
              </>
            ) : null}
            <dt>{t('producers.hs')}</dt>
            <dd>{p.hs_codes.join(', ') || '—'}</dd>
            <dt>{t('producers.markets')}</dt>
            <dd>{p.export_markets.map(countryName).join(', ') || '—'}</dd>
            <dt>{t('producers.certifications')}</dt>
            <dd>{p.certifications.join(', ') || '—'}</dd>
            {p.website ? (
              <>
                <dt>Web</dt>
                <dd>
                  <a href={p.website} rel="noreferrer noopener" target="_blank">
                    {p.website}
                  </a>
                </dd>
              </>
            ) : null}
            <dt>{t('sources')}</dt>
            <dd>{p.sources.map((s) => `${s.kind}: ${s.reference}`).join('; ')}</dd>
          </dl>
        </article>
      )}
    </Loaded>
  );
}
