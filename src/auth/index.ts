// Accounts, roles, API tokens and sessions: who may change what.
export { registerAuthCommands } from './cli.js';
export { actorName, guardWrites, neededRoles, resolveActor } from './http.js';
export { type Actor, GRANTS, ROLES, type Role } from './model.js';
export { authRoutes, SESSION_COOKIE } from './routes.js';
export { createToken, createUser, ensureDemoAccount, signIn } from './service.js';
