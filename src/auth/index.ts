// Accounts, roles, API tokens and sessions: who may change what.
export { registerAuthCommands } from './cli.js';
export { actorName, guardWrites, neededRoles, resolveActor } from './http.js';
export { type Actor, GRANTS, ROLES, type Role, SESSION_COOKIE } from './model.js';
export type { AuditEvent } from './repository.js';
export { authRoutes } from './routes.js';
export { auditEventsOf, createToken, createUser, ensureDemoAccount, signIn, writeAudit } from './service.js';
