// HTTP routes of the producers registry: search, records with ETag/If-Match, history, duplicates and
// merges, file upload, matchmaking.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorName } from '../auth/index.js';
import type { AppContext } from '../context.js';
import {
  etagOf,
  limitBytes,
  restoreRoute,
  UPLOAD_TYPES,
  uploadFormat,
  versionFromIfMatch,
} from '../lib/index.js';
import { importProducers } from './import.js';
import { matchProducers } from './match.js';
import { matchRequestSchema, producerInputSchema, producerSchema, searchQuerySchema } from './model.js';
import {
  createProducer,
  deleteProducer,
  duplicateCandidates,
  getProducer,
  mergeProducers,
  producerHistory,
  restoreProducer,
  searchProducers,
  updateProducer,
} from './service.js';

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const facetSchema = z.array(z.object({ value: z.string(), count: z.number() }));
const hitSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    country: z.string(),
    region: z.string().nullable(),
    city: z.string().nullable(),
    hs_codes: z.array(z.string()),
    products: z.string().nullable(),
    export_markets: z.array(z.string()),
    certifications: z.array(z.string()),
    score: z.number(),
    matched: z.array(
      z.object({
        field: z.enum(['name', 'products', 'hs', 'place']),
        value: z.string(),
        script: z.string().optional(),
        similarity: z.number().optional(),
      }),
    ),
  })
  .meta({ id: 'ProducerHit' });

const importReportSchema = z.object({
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rows: z.number(),
  rejected: z.array(
    z.object({ line: z.number(), field: z.string(), value: z.unknown().optional(), reason: z.string() }),
  ),
  warnings: z.array(z.object({ field: z.string(), reason: z.string() })),
});

export function producerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Uploads are read as a stream by the import, never held whole in memory.
    app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

    app.get(
      '/producers',
      {
        schema: {
          tags: ['producers'],
          summary:
            'Search producers in any script (Cyrillic, Latin, transliterations), with filters, facets and keyset pages',
          querystring: searchQuerySchema,
          response: {
            200: z.object({
              total: z.number(),
              total_is_lower_bound: z.boolean(),
              results: z.array(hitSchema),
              facets: z.object({ country: facetSchema, hs_chapter: facetSchema, certification: facetSchema }),
              hs_codes_of_query: z.array(z.string()),
              ignored_words: z.array(z.string()),
              next_cursor: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => searchProducers(ctx.db, req.query),
    );

    app.post(
      '/producers',
      {
        schema: {
          tags: ['producers'],
          summary:
            'Add a producer (409 when one with the same national identifier, or name and city, exists)',
          body: producerInputSchema,
          response: { 201: producerSchema.meta({ id: 'Producer' }) },
        },
      },
      async (req, reply) => {
        const producer = await createProducer(ctx.db, req.body, actorName(req));
        reply.header('etag', etagOf(producer.version)).header('location', `/api/v1/producers/${producer.id}`);
        return reply.code(201).send(producer);
      },
    );

    app.get(
      '/producers/duplicates',
      {
        schema: {
          tags: ['producers'],
          summary:
            'Candidate duplicates: same website or phone, or similar names in one city, across scripts',
          querystring: z.object({
            country: z
              .string()
              .regex(/^[A-Za-z]{2}$/)
              .optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (req) =>
        duplicateCandidates(ctx.db, {
          country: req.query.country?.toUpperCase(),
          cursor: req.query.cursor,
          limit: req.query.limit,
        }),
    );

    app.post(
      '/producers/import',
      {
        schema: {
          tags: ['producers'],
          summary: 'Import a CSV or XLSX file of producers (producers.md); the body is the file itself',
          headers: z.object({ 'content-type': z.string().optional() }),
          querystring: z.object({ name: z.string().max(200).default('upload') }),
          response: { 200: importReportSchema },
        },
      },
      async (req) => {
        const format = uploadFormat(req.headers['content-type']);
        return importProducers(
          ctx.database,
          // The size the client announces decides whether a worker thread reads the file.
          {
            stream: limitBytes(req.body as NodeJS.ReadableStream),
            size: Number(req.headers['content-length']) || undefined,
          },
          {
            file: `upload ${req.query.name}`,
            format,
            actor: actorName(req),
            onIndexesDeferred: (indexes) =>
              req.log.info(
                { indexes },
                'the registry is smaller than the upload: its indexes are built at the end',
              ),
          },
        );
      },
    );

    app.get(
      '/producers/:id',
      {
        schema: {
          tags: ['producers'],
          summary: 'One producer with all its names and sources; ETag is its version',
          params: idParams,
          response: { 200: producerSchema },
        },
      },
      async (req, reply) => {
        const producer = await getProducer(ctx.db, req.params.id);
        reply.header('etag', etagOf(producer.version));
        return producer;
      },
    );

    app.put(
      '/producers/:id',
      {
        schema: {
          tags: ['producers'],
          summary: 'Replace a producer’s fields; needs If-Match with its version (a stale one gets 409)',
          params: idParams,
          headers: z.object({ 'if-match': z.string().optional() }),
          body: producerInputSchema,
          response: { 200: producerSchema },
        },
      },
      async (req, reply) => {
        const producer = await updateProducer(
          ctx.db,
          req.params.id,
          versionFromIfMatch(req.headers['if-match']),
          req.body,
          actorName(req),
        );
        reply.header('etag', etagOf(producer.version));
        return producer;
      },
    );

    restoreRoute(app, '/producers', {
      tags: ['producers'],
      what: 'a producer',
      response: producerSchema,
      restore: (id, version, expected, req) => restoreProducer(ctx.db, id, version, expected, actorName(req)),
    });

    app.delete(
      '/producers/:id',
      {
        schema: {
          tags: ['producers'],
          summary: 'Delete a producer (kept with its history); needs If-Match with its version',
          params: idParams,
          headers: z.object({ 'if-match': z.string().optional() }),
        },
      },
      async (req, reply) => {
        await deleteProducer(
          ctx.db,
          req.params.id,
          versionFromIfMatch(req.headers['if-match']),
          actorName(req),
        );
        return reply.code(204).send();
      },
    );

    app.get(
      '/producers/:id/history',
      {
        schema: {
          tags: ['producers'],
          summary: 'Every change of a producer: who, when, the fields before and after',
          params: idParams,
        },
      },
      async (req) => ({ history: await producerHistory(ctx.db, req.params.id) }),
    );

    app.get(
      '/producers/:id/duplicates',
      {
        schema: { tags: ['producers'], summary: 'Candidate duplicates of one producer', params: idParams },
      },
      async (req) => {
        await getProducer(ctx.db, req.params.id);
        return duplicateCandidates(ctx.db, { producerId: req.params.id, limit: 50 });
      },
    );

    app.post(
      '/producers/:id/merge',
      {
        schema: {
          tags: ['producers'],
          summary:
            'Merge another producer into this one, keeping every name and source; needs If-Match with this one’s version',
          params: idParams,
          headers: z.object({ 'if-match': z.string().optional() }),
          body: z.object({ from: z.number().int().positive() }),
          response: { 200: producerSchema },
        },
      },
      async (req, reply) => {
        const producer = await mergeProducers(
          ctx.db,
          req.params.id,
          req.body.from,
          versionFromIfMatch(req.headers['if-match']),
          actorName(req),
        );
        reply.header('etag', etagOf(producer.version));
        return producer;
      },
    );

    app.post(
      '/match',
      {
        schema: {
          tags: ['producers'],
          summary:
            'Producers for a buyer’s request (product in words or HS code, destination, quantity), ranked with reasons',
          body: matchRequestSchema,
        },
      },
      async (req) => matchProducers(ctx.db, req.body),
    );
  };
}
