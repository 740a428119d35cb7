// Signing in: a name and a password; the server sets an httpOnly cookie and gives the CSRF token.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { api, type Session, setSession } from '../api';

export default function SignIn() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const next = new URLSearchParams(useSearch()).get('next') ?? '/';
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      setSession(
        await api<Session>('/api/v1/session', {
          method: 'POST',
          json: { name: String(form.get('name')), password: String(form.get('password')) },
        }),
      );
      navigate(next.startsWith('/') ? next : '/');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="card narrow">
      <h1>{t('auth.signIn')}</h1>
      <form onSubmit={submit} className="signin">
        <label htmlFor="signin-name">{t('auth.name')}</label>
        <input id="signin-name" name="name" autoComplete="username" required />
        <label htmlFor="signin-password">{t('auth.password')}</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">{t('auth.signIn')}</button>
      </form>
    </section>
  );
}
