// Pieces every page uses: loading and error states, a source that can be followed, status badges.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Citation, Load, RecordSource, Target } from './api';
import { date } from './format';

export function Loaded<T>({ load, children }: { load: Load<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (load.error)
    return (
      <p className="error" role="alert">
        {t('error', { message: load.error.message })}
      </p>
    );
  if (!load.data)
    return (
      <p className="muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  return <>{children(load.data)}</>;
}

/** A citation or a reviewed fact, as a link a reader can follow; the sentence shows on hover and focus. */
export function SourceLink({ citation, fact }: { citation?: Citation | null; fact?: RecordSource | null }) {
  const { t } = useTranslation();
  if (fact && fact.document_id !== null && fact.fact_id !== null)
    return (
      <a
        className="source"
        href={`/documents/${fact.document_id}#fact-${fact.fact_id}`}
        title={fact.quote ?? undefined}
      >
        {t('source')}: “{truncate(fact.quote ?? '', 90)}”
      </a>
    );
  const c = citation ?? fact?.citation;
  if (!c) return <span className="muted">{t('noSource')}</span>;
  const text = `${c.publisher}, ${date(c.published)}`;
  return c.url ? (
    <a className="source" href={c.url} title={c.title} rel="noreferrer noopener" target="_blank">
      {text}
    </a>
  ) : (
    <span className="source" title={c.title}>
      {text}
    </span>
  );
}

export function Sources({ sources }: { sources: RecordSource[] }) {
  return (
    <span className="sources">
      {sources.map((s) => (
        <SourceLink key={s.id} fact={s} />
      ))}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      {t(`status.${status}`, { defaultValue: status.replace(/_/g, ' ') })}
    </span>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** The source of a target: the fact of a stored document it was accepted from, or its citation. */
export function TargetSource({ target }: { target: Target }) {
  const source = target.source as Partial<Citation & { document_id: number; fact_id: number; quote: string }>;
  if (source.document_id && source.fact_id)
    return (
      <SourceLink
        fact={{
          id: source.fact_id,
          fact_id: source.fact_id,
          document_id: source.document_id,
          quote: source.quote ?? null,
          citation: null,
        }}
      />
    );
  return <SourceLink citation={source.title ? (source as Citation) : null} />;
}
