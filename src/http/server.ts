// The HTTP server, assembled from each capability's routes: problem details for every error,
// OpenAPI 3.1 generated from the zod schemas at /openapi.json and browsable at /docs.

import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authRoutes, guardWrites, resolveActor } from '../auth/index.js';
import type { AppContext } from '../context.js';
import { cooperationRoutes } from '../cooperation/index.js';
import { migrationStatus } from '../db/index.js';
import { documentRoutes } from '../documents/index.js';
import { ValidationError } from '../errors.js';
import { RECORD_KINDS } from '../kinds.js';
import { producerRoutes } from '../producers/index.js';
import { recordRoutes } from '../records/index.js';
import { referenceRoutes } from '../reference/index.js';
import { tradeRoutes } from '../trade/index.js';
import { transportRoutes } from '../transport/index.js';
import { homePage } from './home.js';
import { problemType, sendProblem, toProblem } from './problem.js';
import { webApp } from './web.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

const healthSchema = z
  .object({
    status: z.enum(['ok', 'migrating']),
    version: z.string(),
    engine: z.enum(['pglite', 'postgres']),
    migrations: z.object({
      applied: z.number(),
      pending: z.array(z.string()),
      latest: z.string().nullable(),
    }),
  })
  .meta({ id: 'Health' });

/**
 * Where in a parsed JSON value a string holds a NUL character (depth-limited), if anywhere. Only plain
 * objects and arrays are walked: an uploaded file's body is its request stream, whose socket and server
 * the walk would otherwise wander through (seconds a request, more as the file grew).
 */
export function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = key.includes('\u0000') ? `${path}.${key}` : nulPath(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Builds the server for a context; the caller listens and closes it. `webRoot` is the built web app's folder. */
export async function buildServer(ctx: AppContext, options: { webRoot?: string } = {}) {
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Query strings such as ?countries=KZ,UZ stay strings; arrays are parsed by the schemas.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, problem);
  });
  const web = webApp(options.webRoot);
  if (web) {
    // File names carry a content hash: caching them for a year is safe.
    await app.register(fastifyStatic, {
      root: web.assets,
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
    });
  }
  app.setNotFoundHandler((request, reply) =>
    web?.isPage(request)
      ? web.sendPage(reply)
      : sendProblem(reply, request, {
          type: problemType('not-found'),
          title: 'Not found',
          status: 404,
          detail: `no route answers ${request.method} ${request.url.split('?')[0]}`,
        }),
  );

  await app.register(fastifyCookie);
  app.addHook('onRequest', resolveActor(ctx));
  // Every write needs an account with the role for it, checked before its body is read: a request without
  // one is a 401 or 403 whatever it sends, and costs no parsing.
  app.addHook('onRequest', guardWrites);

  // PostgreSQL cannot store a NUL character in text or jsonb: such input is refused here, once, for every
  // route, naming where it was, instead of failing in the database.
  app.addHook('preValidation', async (request) => {
    if (/%00/i.test(request.url))
      throw new ValidationError('NUL characters are not accepted', [
        { field: 'query', reason: 'contains %00' },
      ]);
    const at = nulPath(request.body, 'body');
    if (at)
      throw new ValidationError('NUL characters are not accepted', [
        { field: at, reason: 'contains a NUL character' },
      ]);
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
  });

  // CORS is off unless KERUEN_CORS_ORIGINS names the origins allowed to call the API from a browser.
  if (ctx.config.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: ctx.config.corsOrigins.includes('*') ? true : ctx.config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'if-match', 'authorization'],
      exposedHeaders: ['etag'],
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keruen API',
        version: ctx.config.version,
        description:
          'Trade cooperation in Central Asia and the Eurasian region: reference data, documents and the facts read ' +
          'from them, trade figures and targets with their sources. Errors are RFC 9457 problem details.',
      },
      tags: [
        { name: 'system' },
        { name: 'reference', description: 'Countries, blocs, currencies, HS nomenclature' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    web
      ? web.sendPage(reply)
      : reply
          .type('text/html; charset=utf-8')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          )
          .send(await homePage(ctx.db, ctx.config.version)),
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Engine, migration state and version',
        response: { 200: healthSchema },
      },
    },
    async () => {
      const migrations = await migrationStatus(ctx.db as Kysely<unknown>);
      const applied = migrations.filter((m) => m.appliedAt !== null);
      const pending = migrations.filter((m) => m.appliedAt === null).map((m) => m.name);
      return {
        status: pending.length === 0 ? ('ok' as const) : ('migrating' as const),
        version: ctx.config.version,
        engine: ctx.database.engine,
        migrations: { applied: applied.length, pending, latest: applied.at(-1)?.name ?? null },
      };
    },
  );

  await app.register(authRoutes(ctx), { prefix: '/api/v1' });
  await app.register(referenceRoutes(ctx), { prefix: '/api/v1' });
  await app.register(documentRoutes(ctx), { prefix: '/api/v1' });
  await app.register(tradeRoutes(ctx), { prefix: '/api/v1' });
  await app.register(producerRoutes(ctx), { prefix: '/api/v1' });
  await app.register(recordRoutes(ctx, RECORD_KINDS), { prefix: '/api/v1' });
  await app.register(cooperationRoutes(ctx, RECORD_KINDS), { prefix: '/api/v1' });
  await app.register(transportRoutes(ctx, RECORD_KINDS), { prefix: '/api/v1' });
  return app;
}

export type Server = Awaited<ReturnType<typeof buildServer>>;
