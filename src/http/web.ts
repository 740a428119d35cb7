// The web app (web/, built by Vite into web/dist): its files under /assets, and index.html for every
// page path, so that /pairs/KZ-UZ opened directly works. Without a build, `/` serves the plain page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm install` (the prepare script) or `npm run build:web` puts the built web app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Paths that belong to the API and the server, never to the web app. */
const SERVER_PATHS = /^\/(api|docs|openapi\.json|health)(\/|$)/;

export interface WebApp {
  /** Whether a request is for a page of the web app (a GET for HTML outside the API). */
  isPage(request: FastifyRequest): boolean;
  sendPage(reply: FastifyReply): FastifyReply;
}

/** The built web app in `root`, or undefined when there is no build there. */
export function webApp(root: string = WEB_DIST): (WebApp & { assets: string }) | undefined {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return undefined;
  const index = readFileSync(indexFile, 'utf8');
  return {
    assets: join(root, 'assets'),
    isPage: (request) =>
      request.method === 'GET' &&
      !SERVER_PATHS.test(request.url) &&
      !request.url.startsWith('/assets/') &&
      (request.headers.accept ?? '').includes('text/html'),
    sendPage: (reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', WEB_CSP)
        .header('cache-control', 'no-cache')
        .send(index),
  };
}
