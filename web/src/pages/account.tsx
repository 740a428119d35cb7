// The signed-in person's account: their own password; for admins, users (role, sign-in allowed), API
// tokens (created and shown once, revoked) and the audit log of who changed what.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, onSession, type Session, sessionNow, useApi } from '../api';
import { Loaded } from '../components';
import { date } from '../format';

const ROLES = ['viewer', 'editor', 'reviewer', 'admin'] as const;

interface User {
  id: number;
  name: string;
  display_name: string | null;
  role: string;
  created_at: string;
  disabled_at: string | null;
}

interface Token {
  id: number;
  name: string;
  prefix: string;
  role: string;
  user_name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface AuditEntry {
  entity: string;
  entity_id: number;
  kind: string;
  id: number;
  version: number;
  action: string;
  actor: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Sends a form's write and says how it went, in a live region. */
function useWrite(): [ReactNode, (run: () => Promise<string>) => Promise<void>] {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const run = async (write: () => Promise<string>) => {
    try {
      setOutcome({ ok: true, text: await write() });
    } catch (err) {
      setOutcome({ ok: false, text: (err as Error).message });
    }
  };
  const shown = outcome ? (
    <p className={outcome.ok ? 'notice' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.text}
    </p>
  ) : null;
  return [shown, run];
}

function PasswordForm() {
  const { t } = useTranslation();
  const [shown, run] = useWrite();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      if (data.get('new') !== data.get('repeat')) throw new Error(t('account.mismatch'));
      await api('/api/v1/session/password', {
        method: 'POST',
        json: { current_password: String(data.get('current')), new_password: String(data.get('new')) },
      });
      form.reset();
      return t('account.passwordChanged');
    });
  };
  return (
    <form onSubmit={submit} className="signin" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changePassword')}</h2>
      <label htmlFor="pw-current">{t('account.current')}</label>
      <input id="pw-current" name="current" type="password" autoComplete="current-password" required />
      <label htmlFor="pw-new">{t('account.new')}</label>
      <input id="pw-new" name="new" type="password" autoComplete="new-password" minLength={10} required />
      <label htmlFor="pw-repeat">{t('account.repeat')}</label>
      <input
        id="pw-repeat"
        name="repeat"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      {shown}
      <button type="submit">{t('account.changePassword')}</button>
    </form>
  );
}

function Users() {
  const { t } = useTranslation();
  const users = useApi<{ users: User[] }>('/api/v1/users');
  const [shown, run] = useWrite();
  const change = (user: User, body: Record<string, unknown>) =>
    run(async () => {
      await api(`/api/v1/users/${encodeURIComponent(user.name)}`, { method: 'PATCH', json: body });
      users.reload();
      return t('account.saved', { name: user.name });
    });
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      const password = String(data.get('password'));
      const made = await api<{ name: string }>('/api/v1/users', {
        method: 'POST',
        json: {
          name: String(data.get('name')),
          role: String(data.get('role')),
          ...(password ? { password } : {}),
        },
      });
      form.reset();
      users.reload();
      return t('account.created', { name: made.name });
    });
  };
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('account.users')}</h2>
      {shown}
      <Loaded load={users}>
        {({ users: list }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auth.name')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col">{t('account.since')}</th>
                <th scope="col">{t('account.maySignIn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>
                    <select
                      aria-label={t('account.roleOf', { name: u.name })}
                      value={u.role}
                      onChange={(e) => void change(u, { role: e.target.value })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{date(u.created_at.slice(0, 10))}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('account.mayUserSignIn', { name: u.name })}
                      checked={u.disabled_at === null}
                      onChange={(e) => void change(u, { disabled: !e.target.checked })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <form onSubmit={create} className="inline-form" aria-label={t('account.newUser')}>
        <label htmlFor="user-name">{t('auth.name')}</label>
        <input id="user-name" name="name" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{1,62}" />
        <label htmlFor="user-role">{t('account.role')}</label>
        <select id="user-role" name="role" defaultValue="editor">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label htmlFor="user-password">{t('auth.password')}</label>
        <input
          id="user-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
        />
        <button type="submit">{t('account.newUser')}</button>
      </form>
    </section>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const tokens = useApi<{ tokens: Token[] }>('/api/v1/tokens');
  const [secret, setSecret] = useState<string>();
  const [shown, run] = useWrite();
  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    void run(async () => {
      const made = await api<{ token: string; user: string }>('/api/v1/tokens', {
        method: 'POST',
        json: {
          user: String(data.get('user')),
          role: String(data.get('role')),
          name: String(data.get('name')),
        },
      });
      setSecret(made.token);
      form.reset();
      tokens.reload();
      return t('account.tokenCreated', { user: made.user });
    });
  };
  const revoke = (token: Token) =>
    run(async () => {
      await api(`/api/v1/tokens/${token.id}`, { method: 'DELETE' });
      tokens.reload();
      return t('account.revoked', { name: token.name });
    });
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('account.tokens')}</h2>
      {shown}
      {secret ? (
        <p className="notice">
          {t('account.shownOnce')} <code data-testid="new-token">{secret}</code>
        </p>
      ) : null}
      <Loaded load={tokens}>
        {({ tokens: list }) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('account.token')}</th>
                <th scope="col">{t('account.user')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col">{t('account.lastUsed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('account.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((tk) => (
                <tr key={tk.id}>
                  <th scope="row">
                    {tk.name} <code>{tk.prefix}…</code>
                  </th>
                  <td>{tk.user_name}</td>
                  <td>{tk.role}</td>
                  <td>{tk.last_used_at ? date(tk.last_used_at.slice(0, 10)) : '—'}</td>
                  <td>
                    {tk.revoked_at ? (
                      t('account.revokedOn', { date: date(tk.revoked_at.slice(0, 10)) })
                    ) : (
                      <button type="button" onClick={() => void revoke(tk)}>
                        {t('account.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <form onSubmit={create} className="inline-form" aria-label={t('account.newToken')}>
        <label htmlFor="token-user">{t('account.user')}</label>
        <input id="token-user" name="user" required />
        <label htmlFor="token-role">{t('account.role')}</label>
        <select id="token-role" name="role" defaultValue="editor">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label htmlFor="token-name">{t('account.tokenName')}</label>
        <input id="token-name" name="name" defaultValue="script" required />
        <button type="submit">{t('account.newToken')}</button>
      </form>
    </section>
  );
}

/** What an audit entry changed: the fields whose values differ between before and after. */
function changed(entry: AuditEntry): string {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return keys
    .slice(0, 4)
    .map((k) =>
      k in before && k in after
        ? `${k}: ${short(before[k])} → ${short(after[k])}`
        : `${k}: ${short(after[k] ?? before[k])}`,
    )
    .join('; ');
}

function short(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const ENTITIES = [
  '',
  'record',
  'producer',
  'fact',
  'document',
  'target',
  'reported',
  'trade_import',
  'user',
  'token',
];

function AuditLog() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState('');
  const [pages, setPages] = useState<AuditEntry[][]>([]);
  const [next, setNext] = useState<string | null>(null);
  const first = useApi<{ entries: AuditEntry[]; next_cursor: string | null }>(
    `/api/v1/audit?limit=25${entity ? `&entity=${entity}` : ''}`,
  );
  useEffect(() => {
    if (first.data) {
      setPages([first.data.entries]);
      setNext(first.data.next_cursor);
    }
  }, [first.data]);
  const more = async () => {
    if (!next) return;
    const page = await api<{ entries: AuditEntry[]; next_cursor: string | null }>(
      `/api/v1/audit?limit=25${entity ? `&entity=${entity}` : ''}&cursor=${encodeURIComponent(next)}`,
    );
    setPages((p) => [...p, page.entries]);
    setNext(page.next_cursor);
  };
  const entries = pages.flat();
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('account.audit')}</h2>
      <label>
        {t('account.what')}{' '}
        <select value={entity} onChange={(e) => setEntity(e.target.value)}>
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {e ? t(`account.entity.${e}`) : t('account.everything')}
            </option>
          ))}
        </select>
      </label>
      <Loaded load={first}>
        {() => (
          <table className="audit">
            <thead>
              <tr>
                <th scope="col">{t('account.when')}</th>
                <th scope="col">{t('account.who')}</th>
                <th scope="col">{t('account.what')}</th>
                <th scope="col">{t('account.action')}</th>
                <th scope="col">{t('account.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.entity}:${e.id}`}>
                  <td>
                    <time dateTime={e.at}>{e.at.slice(0, 16).replace('T', ' ')}</time>
                  </td>
                  <td>{e.actor ?? '—'}</td>
                  <td>
                    {e.entity === 'record' ? (
                      <Link href={`/records/${e.entity_id}`}>
                        {e.kind} {e.entity_id}
                      </Link>
                    ) : e.entity === 'document' ? (
                      <Link href={`/documents/${e.entity_id}`}>
                        {t('account.entity.document')} {e.entity_id}
                      </Link>
                    ) : e.entity === 'producer' ? (
                      <Link href={`/producers/${e.entity_id}`}>
                        {t('account.entity.producer')} {e.entity_id}
                      </Link>
                    ) : (
                      `${t(`account.entity.${e.entity}`)} ${e.entity_id}`
                    )}
                  </td>
                  <td>{e.action}</td>
                  <td>{changed(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      {next ? (
        <button type="button" onClick={() => void more()}>
          {t('account.more')}
        </button>
      ) : null}
    </section>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  const [session, setLocal] = useState<Session>(sessionNow());
  useEffect(() => onSession(setLocal), []);
  if (!session.user)
    return (
      <section className="card narrow">
        <h1>{t('account.title')}</h1>
        <p>
          <Link href="/signin?next=/account">{t('auth.signIn')}</Link>
        </p>
      </section>
    );
  return (
    <>
      <section className="card narrow">
        <h1>{t('account.title')}</h1>
        <p>
          {session.user.name} ({session.user.role})
        </p>
        <PasswordForm />
      </section>
      {session.user.role === 'admin' ? (
        <>
          <section className="card">
            <Users />
          </section>
          <section className="card">
            <Tokens />
          </section>
          <section className="card">
            <AuditLog />
          </section>
        </>
      ) : null}
    </>
  );
}
