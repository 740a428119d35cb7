// The web app: a shell (navigation, language, skip link) and a page per route, each loaded when first
// visited so the overview's first load stays small.
import './styles.css';
import './i18n';
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { api, loadSession, onSession, type Session, sessionNow, setSession } from './api';
import { LANGUAGES } from './i18n';

const Overview = lazy(() => import('./pages/overview'));
const Pairs = lazy(() => import('./pages/pairs'));
const Pair = lazy(() => import('./pages/pair'));
const RecordPage = lazy(() => import('./pages/record'));
const SignIn = lazy(() => import('./pages/signin'));
const AccountPage = lazy(() => import('./pages/account'));
const Brief = lazy(() => import('./pages/pair').then((m) => ({ default: m.Brief })));
const Bloc = lazy(() => import('./pages/bloc'));
const Producers = lazy(() => import('./pages/producers'));
const ProducerProfile = lazy(() => import('./pages/producers').then((m) => ({ default: m.ProducerProfile })));
const Projects = lazy(() => import('./pages/projects'));
const Review = lazy(() => import('./pages/review'));
const DocumentPage = lazy(() => import('./pages/review').then((m) => ({ default: m.DocumentPage })));

function Nav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const items: [string, string][] = [
    ['/', t('nav.overview')],
    ['/pairs', t('nav.pairs')],
    ['/producers', t('nav.producers')],
    ['/projects', t('nav.projects')],
    ['/review', t('nav.review')],
  ];
  return (
    <nav aria-label="Keruen">
      <ul>
        {items.map(([href, label]) => {
          const current =
            href === '/' ? location === '/' : location.startsWith(href.split('/').slice(0, 2).join('/'));
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {label}
              </Link>
            </li>
          );
        })}
        <li>
          <a href="/docs">{t('nav.docs')}</a>
        </li>
      </ul>
    </nav>
  );
}

function Account() {
  const { t } = useTranslation();
  const [session, setLocal] = useState<Session>(sessionNow());
  const [location] = useLocation();
  useEffect(() => onSession(setLocal), []);
  if (!session.user)
    return (
      <Link href={`/signin?next=${encodeURIComponent(location)}`} className="account">
        {t('auth.signIn')}
      </Link>
    );
  return (
    <span className="account">
      <Link href="/account">
        {session.user.name} ({session.user.role})
      </Link>{' '}
      <button
        type="button"
        className="link"
        onClick={async () => {
          await api('/api/v1/session', { method: 'DELETE' });
          setSession({ user: null, csrf_token: null });
        }}
      >
        {t('auth.signOut')}
      </button>
    </span>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span className="sr-only">{t('language')}</span>
      <select
        aria-label={t('language')}
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="no-print">
        <Link href="/" className="brand">
          Keruen
        </Link>
        <Nav />
        <Account />
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <Switch>
            <Route path="/">
              <Overview />
            </Route>
            <Route path="/pairs">
              <Pairs />
            </Route>
            <Route path="/signin">
              <SignIn />
            </Route>
            <Route path="/account">
              <AccountPage />
            </Route>
            <Route path="/records/:id">{(p) => <RecordPage id={p.id} />}</Route>
            <Route path="/pairs/:pair/brief">{(p) => <Brief pair={p.pair} />}</Route>
            <Route path="/pairs/:pair">{(p) => <Pair pair={p.pair} />}</Route>
            <Route path="/blocs/:code">{(p) => <Bloc code={p.code} />}</Route>
            <Route path="/producers">
              <Producers />
            </Route>
            <Route path="/producers/:id">{(p) => <ProducerProfile id={p.id} />}</Route>
            <Route path="/projects">
              <Projects />
            </Route>
            <Route path="/review">
              <Review />
            </Route>
            <Route path="/documents/:id">{(p) => <DocumentPage id={p.id} />}</Route>
            <Route>
              <h1>404</h1>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </>
  );
}

void loadSession().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
