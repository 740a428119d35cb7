// Accounts and roles: who may change what. Reading public data needs no account.
import { z } from 'zod';

/** The cookie that carries a browser session. */
export const SESSION_COOKIE = 'keruen_session';

/** What the audit log lists: the histories of records and producers, fact decisions, documents stored,
 * targets and reported figures, runs of the statistics import, and accounts and tokens. */
export const AUDIT_ENTITIES = [
  'record',
  'producer',
  'fact',
  'document',
  'target',
  'reported',
  'trade_import',
  'user',
  'token',
] as const;

export const ROLES = ['viewer', 'editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do: editors change records, reviewers decide on extracted facts, admins everything. */
export const GRANTS: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  editor: ['viewer', 'editor'],
  reviewer: ['viewer', 'reviewer'],
  admin: ['viewer', 'editor', 'reviewer', 'admin'],
};

export function grants(role: Role, needed: readonly Role[]): boolean {
  return needed.some((n) => GRANTS[role].includes(n));
}

export const userNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2–63 letters, digits, dots, dashes or underscores');

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

export interface Actor {
  userId: number;
  name: string;
  /** The role this request may act with (a token's, or the user's for a session). */
  role: Role;
  via: 'session' | 'token';
  /** Set for a session: the token the browser must send back with writes. */
  csrf?: string;
}
