// One record of cooperation or transport: its fields, where they were stated, and the records it links to.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type RecordView, useApi } from '../api';
import { Loaded, Sources, StatusBadge } from '../components';
import { countryName, date } from '../format';

const HIDDEN = new Set([
  'id',
  'kind',
  'label',
  'version',
  'created_at',
  'updated_at',
  'sources',
  'links',
  'dated',
  'countries',
]);

function show(value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  if (Array.isArray(value))
    return value
      .map((v) =>
        typeof v === 'object' && v && 'name' in v ? String((v as { name: string }).name) : String(v),
      )
      .join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Records that point to this one by a field: a meeting's documents and commitments, a body's meetings. */
const POINTING: Record<string, [string, string][]> = {
  body: [['meetings', 'body_id']],
  meeting: [
    ['documents-signed', 'meeting_id'],
    ['commitments', 'meeting_id'],
  ],
  signed_document: [['commitments', 'document_id']],
  corridor: [
    ['infrastructure', 'corridor_id'],
    ['checkpoints', 'corridor_id'],
  ],
  checkpoint: [['checkpoint-observations', 'checkpoint_id']],
};

function Pointing({ path, field, id }: { path: string; field: string; id: number }) {
  const list = useApi<{ results: RecordView[] }>(`/api/v1/${path}?${field}=${id}&limit=100`);
  if (!list.data || list.data.results.length === 0) return null;
  return (
    <>
      {list.data.results.map((r) => (
        <li key={r.id}>
          {r.kind.replace(/_/g, ' ')} → <Link href={`/records/${r.id}`}>{r.label}</Link>{' '}
          {(r.effective_status ?? r.status) ? (
            <StatusBadge status={String(r.effective_status ?? r.status)} />
          ) : null}
        </li>
      ))}
    </>
  );
}

export default function RecordPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const record = useApi<RecordView>(`/api/v1/records/${encodeURIComponent(id)}`);
  return (
    <Loaded load={record}>
      {(r) => (
        <article>
          <p className="muted">{r.kind.replace(/_/g, ' ')}</p>
          <h1>{r.label}</h1>
          <p>
            {r.countries.map(countryName).join(' – ')} {r.dated ? `· ${date(r.dated)}` : ''}{' '}
            {typeof r.status === 'string' ? (
              <StatusBadge status={String(r.effective_status ?? r.status)} />
            ) : null}
          </p>
          <dl className="facts">
            {Object.entries(r)
              .filter(([k, v]) => !HIDDEN.has(k) && show(v) !== '')
              .map(([k, v]) => (
                <div key={k} className="fact-row">
                  <dt>{k.replace(/_/g, ' ')}</dt>
                  <dd>
                    {k.endsWith('_id') && typeof v === 'number' ? (
                      <Link href={`/records/${v}`}>{String(v)}</Link>
                    ) : (
                      show(v)
                    )}
                  </dd>
                </div>
              ))}
          </dl>
          <h2>{t('sources')}</h2>
          <Sources sources={r.sources} />
          <h2>{t('record.links')}</h2>
          <ul className="records">
            {r.links.map((l) => (
              <li key={`${l.direction}-${l.id}-${l.relation}`}>
                {l.relation.replace(/_/g, ' ')} {l.direction === 'in' ? '←' : '→'}{' '}
                <Link href={`/records/${l.id}`}>{l.label}</Link>
              </li>
            ))}
            {(POINTING[r.kind] ?? []).map(([path, field]) => (
              <Pointing key={path} path={path} field={field} id={r.id} />
            ))}
          </ul>
        </article>
      )}
    </Loaded>
  );
}
