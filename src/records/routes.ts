// HTTP routes of every kind of record, built from the kinds' descriptions: list with filters and keyset
// pages, detail with ETag, create, update and delete with If-Match, history, file import.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorName } from '../auth/index.js';
import type { AppContext } from '../context.js';
import {
  countryListParam,
  etagOf,
  limitBytes,
  restoreRoute,
  UPLOAD_TYPES,
  uploadFormat,
  versionFromIfMatch,
} from '../lib/index.js';
import { importRecords } from './import.js';
import { inputSchema, type KindSpec, outputSchema, queryText, splitInput } from './model.js';
import {
  createRecord,
  deleteRecord,
  getRecord,
  type KindRegistry,
  kindOf,
  listRecords,
  recordHistory,
  restoreRecord,
  updateRecord,
} from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const historySchema = z.array(
  z.object({
    version: z.number(),
    action: z.string(),
    actor: z.string(),
    changed_at: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  }),
);

export const importReportSchema = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.array(
    z.object({ line: z.number(), field: z.string(), value: z.unknown().optional(), reason: z.string() }),
  ),
});

function listQuerySchema(spec: KindSpec) {
  const filters: Record<string, z.ZodType> = {};
  for (const field of spec.fields.filter((f) => f.filter)) {
    filters[field.name] = (
      field.type === 'ref' ? z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) : queryText()
    )
      .optional()
      .describe(`only ${spec.plural} whose ${field.name} is this`);
  }
  return z.object({
    country: countryListParam(),
    q: queryText().optional().describe('words in the name, title or text'),
    from: z.iso.date().optional().describe('dated on or after'),
    to: z.iso.date().optional().describe('dated on or before'),
    ...filters,
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
}

export function recordRoutes(ctx: AppContext, registry: KindRegistry): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

    app.get(
      '/records/:id',
      {
        schema: {
          tags: ['records'],
          summary: 'Any record of cooperation or transport by its id, whatever its kind',
          params: idParams,
        },
      },
      async (req, reply) => {
        const spec = registry.get(await kindOf(ctx.db, req.params.id));
        const record = await getRecord(ctx.db, spec, req.params.id);
        reply.header('etag', etagOf(record.version));
        return record;
      },
    );

    for (const spec of registry.kinds) {
      const tags = [spec.plural];
      const body = inputSchema(spec);
      const output = outputSchema(spec);
      const query = listQuerySchema(spec);

      app.get(
        `/${spec.path}`,
        {
          schema: {
            tags,
            summary: `List ${spec.plural}, newest first, with filters and keyset pages`,
            querystring: query,
            response: { 200: z.object({ results: z.array(output), next_cursor: z.string().nullable() }) },
          },
        },
        async (req) => {
          const { country, q, from, to, cursor, limit, ...rest } = req.query as z.infer<typeof query> &
            Record<string, string | number | undefined>;
          const equals: Record<string, string | number> = {};
          for (const [name, value] of Object.entries(rest)) if (value !== undefined) equals[name] = value;
          return listRecords(ctx.db, spec, {
            countries: country,
            equals,
            q,
            from,
            to,
            cursor,
            limit,
          });
        },
      );

      app.post(
        `/${spec.path}`,
        {
          schema: {
            tags,
            summary: `Record a ${spec.title} (409 naming the existing one when it is already recorded)`,
            body,
            response: { 201: output },
          },
        },
        async (req, reply) => {
          const record = await createRecord(
            ctx.db,
            registry,
            spec,
            splitInput(spec, req.body),
            actorName(req),
          );
          reply
            .header('etag', etagOf(record.version))
            .header('location', `/api/v1/${spec.path}/${record.id}`);
          return reply.code(201).send(record);
        },
      );

      app.post(
        `/${spec.path}/import`,
        {
          schema: {
            tags,
            summary: `Import ${spec.plural} from a CSV or XLSX file (one column per field); the body is the file`,
            headers: z.object({ 'content-type': z.string().optional() }),
            querystring: z.object({ name: z.string().max(200).default('upload') }),
            response: { 200: importReportSchema },
          },
        },
        async (req) =>
          importRecords(ctx.db, registry, spec, limitBytes(req.body as NodeJS.ReadableStream), {
            file: `upload ${req.query.name}`,
            format: uploadFormat(req.headers['content-type']),
            actor: actorName(req),
          }),
      );

      app.get(
        `/${spec.path}/:id`,
        {
          schema: {
            tags,
            summary: `One ${spec.title} with its sources and links; ETag is its version`,
            params: idParams,
            response: { 200: output },
          },
        },
        async (req, reply) => {
          const record = await getRecord(ctx.db, spec, req.params.id);
          reply.header('etag', etagOf(record.version));
          return record;
        },
      );

      app.put(
        `/${spec.path}/:id`,
        {
          schema: {
            tags,
            summary: `Replace a ${spec.title}'s fields and links (If-Match: its version; a stale one gets 409); sources given are added`,
            params: idParams,
            headers: z.object({ 'if-match': z.string().optional() }),
            body,
            response: { 200: output },
          },
        },
        async (req, reply) => {
          const version = versionFromIfMatch(req.headers['if-match']);
          const record = await updateRecord(
            ctx.db,
            registry,
            spec,
            req.params.id,
            version,
            splitInput(spec, req.body),
            actorName(req),
          );
          reply.header('etag', etagOf(record.version));
          return record;
        },
      );

      app.delete(
        `/${spec.path}/:id`,
        {
          schema: {
            tags,
            summary: `Delete a ${spec.title} (If-Match: its version); its history is kept`,
            params: idParams,
            headers: z.object({ 'if-match': z.string().optional() }),
          },
        },
        async (req, reply) => {
          await deleteRecord(
            ctx.db,
            spec,
            req.params.id,
            versionFromIfMatch(req.headers['if-match']),
            actorName(req),
          );
          return reply.code(204).send();
        },
      );

      restoreRoute(app, `/${spec.path}`, {
        tags,
        what: `a ${spec.title}`,
        response: output,
        restore: (id, version, expected, req) =>
          restoreRecord(ctx.db, registry, spec, id, version, expected, actorName(req)),
      });

      app.get(
        `/${spec.path}/:id/history`,
        {
          schema: {
            tags,
            summary: `Every write of a ${spec.title}: who, when, before and after`,
            params: idParams,
            response: { 200: historySchema },
          },
        },
        async (req) =>
          (await recordHistory(ctx.db, spec, req.params.id)).map(
            ({ id: _id, record_id: _r, ...entry }) => entry,
          ),
      );
    }
  };
}
