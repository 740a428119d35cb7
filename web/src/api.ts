// The public HTTP API, as the web app reads it: JSON in, JSON out, problem details turned into errors.
import { useEffect, useState } from 'react';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Who the browser is signed in as, and the CSRF token its writes send back. */
export interface Session {
  user: { name: string; role: string } | null;
  csrf_token: string | null;
}

let csrf: string | null = null;
const listeners = new Set<(s: Session) => void>();
let current: Session = { user: null, csrf_token: null };

export function sessionNow(): Session {
  return current;
}

export function setSession(session: Session): void {
  current = session;
  csrf = session.csrf_token;
  for (const l of listeners) l(session);
}

export function onSession(listener: (s: Session) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function loadSession(): Promise<void> {
  setSession(await api<Session>('/api/v1/session'));
}

export async function api<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const headers = new Headers(init?.headers);
  const method = (init?.method ?? 'GET').toUpperCase();
  if (csrf && method !== 'GET' && method !== 'HEAD') headers.set('x-csrf-token', csrf);
  let body = init?.body;
  if (init?.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(path, { ...init, headers, body });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok)
    throw new ApiError(String(parsed.detail ?? parsed.title ?? res.statusText), res.status, parsed);
  return parsed as T;
}

export type Load<T> = { data?: T; error?: Error; loading: boolean; reload: () => void };

/** Reads a path when it changes; `null` reads nothing. */
export function useApi<T>(path: string | null): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload() asks for the same path again
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export interface Citation {
  title: string;
  publisher: string;
  published: string;
  url?: string | null;
}

export interface RecordSource {
  id: number;
  fact_id: number | null;
  document_id: number | null;
  quote: string | null;
  citation: Citation | null;
}

export interface RecordView {
  id: number;
  kind: string;
  label: string;
  countries: string[];
  dated: string | null;
  version: number;
  sources: RecordSource[];
  links: { id: number; kind: string; label: string; relation: string; direction: string }[];
  effective_status?: string;
  [field: string]: unknown;
}

export interface Target {
  id: number;
  scope: { countries?: string[]; group?: string };
  value: number;
  currency: string;
  by: string | null;
  horizon: 'short' | 'medium' | 'long' | null;
  stated_on: string;
  source: (Citation & { document_id?: number; fact_id?: number; quote?: string }) | Record<string, never>;
  target_year: number | null;
  latest: { year: number; value: number; kind: string } | null;
  progress: number | null;
  required_cagr: number | null;
  trend_cagr: number | null;
  projected_year: number | null;
  status: string;
}
