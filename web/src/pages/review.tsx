// The review queue (accept, reject with a reason; j/k/a/r on the keyboard), the upload of a document for
// ingestion, and a document with its facts highlighted in the text.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, onSession, sessionNow, useApi } from '../api';
import { Loaded, StatusBadge } from '../components';
import { date } from '../format';

interface ReviewItem {
  id: number;
  kind: string;
  status: string;
  fact: Record<string, unknown>;
  quote: string;
  version: number;
  document: { id: number; title: string | null; publisher: string | null; published: string };
  context: { before: string; quote: string; after: string };
}

function factSummary(fact: Record<string, unknown>): string {
  const { kind: _k, span: _s, quote: _q, confidence: _c, ...rest } = fact;
  return Object.entries(rest)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export default function Review() {
  const { t } = useTranslation();
  const queue = useApi<{ facts: ReviewItem[] }>('/api/v1/review?limit=100');
  const [current, setCurrent] = useState(0);
  const [decided, setDecided] = useState<Record<number, string>>({});
  const [error, setError] = useState<string>();
  const items = queue.data?.facts ?? [];
  const [session, setSession] = useState(sessionNow());
  useEffect(() => onSession(setSession), []);
  const refs = useRef<(HTMLLIElement | null)[]>([]);

  const [open, setOpen] = useState<{ id: number; mode: 'reject' | 'edit' } | null>(null);

  const decide = useCallback(
    async (item: ReviewItem, action: 'accept' | 'reject', body: Record<string, unknown> = {}) => {
      setError(undefined);
      try {
        await api(`/api/v1/facts/${item.id}/${action}`, {
          method: 'POST',
          headers: { 'if-match': `"${item.version}"` },
          json: body,
        });
        setDecided((d) => ({ ...d, [item.id]: action === 'accept' ? 'accepted' : 'rejected' }));
        setOpen(null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select') || e.ctrlKey || e.metaKey || e.altKey) return;
      const item = items[current];
      if (e.key === 'j') setCurrent((c) => Math.min(items.length - 1, c + 1));
      else if (e.key === 'k') setCurrent((c) => Math.max(0, c - 1));
      else if (e.key === 'a' && item && !decided[item.id]) void decide(item, 'accept');
      else if (e.key === 'r' && item && !decided[item.id]) setOpen({ id: item.id, mode: 'reject' });
      else if (e.key === 'e' && item && !decided[item.id]) setOpen({ id: item.id, mode: 'edit' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, decided, decide]);

  useEffect(() => {
    refs.current[current]?.focus();
  }, [current]);

  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.lead')}</p>
      {session.user ? null : (
        <p className="notice">
          {t('auth.needed')} <Link href="/signin?next=/review">{t('auth.signIn')}</Link>
        </p>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <Loaded load={queue}>
        {() =>
          items.length === 0 ? (
            <p>{t('review.empty')}</p>
          ) : (
            <ol className="queue">
              {items.map((item, i) => (
                <li
                  key={item.id}
                  ref={(el) => {
                    refs.current[i] = el;
                  }}
                  tabIndex={-1}
                  className={i === current ? 'current' : undefined}
                  aria-current={i === current ? 'true' : undefined}
                  onFocus={() => setCurrent(i)}
                >
                  <p>
                    <strong>{item.kind}</strong> — {factSummary(item.fact)}
                  </p>
                  <blockquote>
                    …{item.context.before}
                    <mark>{item.context.quote}</mark>
                    {item.context.after}…
                  </blockquote>
                  <p className="muted">
                    <Link href={`/documents/${item.document.id}#fact-${item.id}`}>
                      {item.document.title ?? item.document.id}
                    </Link>
                    , {item.document.publisher}, {date(item.document.published)}
                  </p>
                  {decided[item.id] ? (
                    <StatusBadge status={decided[item.id] === 'accepted' ? 'done' : 'dropped'} />
                  ) : (
                    <>
                      <p className="actions">
                        <button type="button" onClick={() => decide(item, 'accept')}>
                          {t('review.accept')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setOpen({ id: item.id, mode: 'edit' })}
                        >
                          {t('review.edit')}
                        </button>{' '}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setOpen({ id: item.id, mode: 'reject' })}
                        >
                          {t('review.reject')}
                        </button>
                      </p>
                      {open?.id === item.id ? (
                        <DecisionForm
                          item={item}
                          mode={open.mode}
                          onCancel={() => setOpen(null)}
                          onDecide={(action, body) => decide(item, action, body)}
                        />
                      ) : null}
                    </>
                  )}
                  {decided[item.id] ? (
                    <span className="sr-only">{t(`review.${decided[item.id]}`)}</span>
                  ) : null}
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
      <Upload onDone={queue.reload} />
    </>
  );
}

/** Rejecting needs a reason; editing changes the fact's fields before accepting it (the proposal is kept). */
function DecisionForm({
  item,
  mode,
  onCancel,
  onDecide,
}: {
  item: ReviewItem;
  mode: 'reject' | 'edit';
  onCancel: () => void;
  onDecide: (action: 'accept' | 'reject', body: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { kind: _k, span: _s, quote: _q, confidence: _c, ...fields } = item.fact;
  const [text, setText] = useState(mode === 'edit' ? JSON.stringify(fields, null, 2) : '');
  const [problem, setProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'reject') {
      if (text.trim() === '') return setProblem(t('review.reason'));
      void onDecide('reject', { reason: text.trim() });
      return;
    }
    try {
      const edited = JSON.parse(text) as Record<string, unknown>;
      void onDecide('accept', { edited });
    } catch {
      setProblem(t('review.badJson'));
    }
  };
  const id = `decision-${item.id}`;
  return (
    <form onSubmit={submit} className="decision">
      <label htmlFor={id}>{mode === 'reject' ? t('review.reason') : t('review.editLead')}</label>
      {mode === 'reject' ? (
        <input
          id={id}
          ref={(el) => el?.focus()}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required
        />
      ) : (
        <textarea
          id={id}
          ref={(el) => el?.focus()}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={8}
          spellCheck={false}
        />
      )}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit">{mode === 'reject' ? t('review.reject') : t('review.acceptEdited')}</button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        {t('review.cancel')}
      </button>
    </form>
  );
}

function Upload({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file');
    const content =
      file instanceof File && file.size > 0 ? await file.text() : String(form.get('content') ?? '');
    try {
      const doc = await api<{ id: number }>('/api/v1/documents', {
        method: 'POST',
        json: { content, name: file instanceof File ? file.name : 'upload' },
      });
      onDone();
      navigate(`/documents/${doc.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="upload-title" className="card">
      <h2 id="upload-title">{t('review.upload')}</h2>
      <p className="muted">{t('review.uploadLead')}</p>
      <form onSubmit={submit}>
        <label htmlFor="doc-file">File</label>{' '}
        <input id="doc-file" name="file" type="file" accept=".md,.txt,text/plain,text/markdown" />
        <label htmlFor="doc-content" className="block">
          Text
        </label>
        <textarea
          id="doc-content"
          name="content"
          rows={6}
          placeholder={'---\ntitle: …\npublisher: …\npublished: 2024-07-12\n---\n…'}
        />
        <button type="submit">{t('review.ingest')}</button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

interface DocumentDetail {
  id: number;
  title: string | null;
  publisher: string | null;
  published: string;
  url: string | null;
  body: string;
  facts: {
    id: number;
    kind: string;
    status: string;
    span: [number, number];
    fact: Record<string, unknown>;
  }[];
}

/** The body with each fact's span marked; overlapping spans keep the first. */
function Highlighted({ doc }: { doc: DocumentDetail }) {
  const spans = [...doc.facts].sort((a, b) => a.span[0] - b.span[0]);
  const parts: (string | { fact: DocumentDetail['facts'][number]; text: string })[] = [];
  let at = 0;
  for (const fact of spans) {
    if (fact.span[0] < at) continue;
    parts.push(doc.body.slice(at, fact.span[0]));
    parts.push({ fact, text: doc.body.slice(fact.span[0], fact.span[1]) });
    at = fact.span[1];
  }
  parts.push(doc.body.slice(at));
  return (
    <div className="document-body">
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order
          <span key={`text-${i}`}>{p}</span>
        ) : (
          <mark
            key={`fact-${p.fact.id}`}
            id={`fact-${p.fact.id}`}
            className={`fact fact-${p.fact.status}`}
            title={`${p.fact.kind}: ${factSummary(p.fact.fact)}`}
          >
            {p.text}
          </mark>
        ),
      )}
    </div>
  );
}

export function DocumentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const doc = useApi<DocumentDetail>(`/api/v1/documents/${encodeURIComponent(id)}`);
  useEffect(() => {
    if (doc.data && window.location.hash)
      document.querySelector(window.location.hash)?.scrollIntoView({ block: 'center' });
  }, [doc.data]);
  return (
    <Loaded load={doc}>
      {(d) => (
        <article>
          <h1>{d.title ?? `${t('review.document')} ${d.id}`}</h1>
          <p className="muted">
            {d.publisher}, {date(d.published)}{' '}
            {d.url ? (
              <a href={d.url} rel="noreferrer noopener" target="_blank">
                {d.url}
              </a>
            ) : null}
          </p>
          <Highlighted doc={d} />
          <h2>{t('review.title')}</h2>
          <ul className="records">
            {d.facts.map((f) => (
              <li key={f.id}>
                <a href={`#fact-${f.id}`}>{f.kind}</a>{' '}
                <StatusBadge
                  status={f.status === 'pending' ? 'planned' : f.status === 'accepted' ? 'done' : 'dropped'}
                />{' '}
                {factSummary(f.fact)}
              </li>
            ))}
          </ul>
        </article>
      )}
    </Loaded>
  );
}
