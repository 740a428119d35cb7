// The route every versioned kind of data shares for writing one back as it was: `POST {path}/{id}/restore`
// with `{ "version": N }` and If-Match: the current version (admins, by the guard's rule for /restore).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagOf, versionFromIfMatch } from './etag.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export function restoreRoute<T extends { version: number }>(
  app: FastifyInstance,
  path: string,
  options: {
    tags: string[];
    /** What is restored, for the documentation ("a producer"). */
    what: string;
    response: z.ZodType;
    restore: (id: number, toVersion: number, expected: number, request: FastifyRequest) => Promise<T>;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    `${path}/:id/restore`,
    {
      schema: {
        tags: options.tags,
        summary: `Write ${options.what} back as it was at an earlier version, deleted or not (admins; If-Match: its current version)`,
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: z.object({ version: z.number().int().positive() }),
        response: { 200: options.response },
      },
    },
    async (req, reply) => {
      const restored = await options.restore(
        req.params.id,
        req.body.version,
        versionFromIfMatch(req.headers['if-match']),
        req,
      );
      reply.header('etag', etagOf(restored.version));
      return restored;
    },
  );
}
