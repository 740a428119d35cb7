// HTTP routes of documents and the review queue.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorName } from '../auth/index.js';
import type { AppContext } from '../context.js';
import { versionFromIfMatch } from '../lib/index.js';
import { today } from '../reference/index.js';
import {
  decideFact,
  getDocument,
  getFact,
  ingestDocument,
  listDocuments,
  MAX_DOCUMENT_CHARS,
  reviewQueue,
} from './service.js';

const factViewSchema = z
  .object({
    id: z.number(),
    document_id: z.number(),
    kind: z.string(),
    status: z.enum(['pending', 'accepted', 'rejected']),
    fact: z
      .record(z.string(), z.unknown())
      .meta({ description: 'the proposal with the reviewer’s edits over it' }),
    proposed: z.record(z.string(), z.unknown()),
    edited: z.record(z.string(), z.unknown()).nullable(),
    quote: z.string(),
    span: z.tuple([z.number(), z.number()]).meta({ description: 'UTF-16 offsets into the document body' }),
    confidence: z.number(),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
    reason: z.string().nullable(),
    applied: z.boolean().meta({ description: 'whether the accepted fact has become a record' }),
    version: z.number(),
  })
  .meta({ id: 'Fact' });

const reviewItemSchema = factViewSchema
  .extend({
    document: z.object({
      id: z.number(),
      title: z.string().nullable(),
      publisher: z.string().nullable(),
      published: z.string(),
      url: z.string().nullable(),
    }),
    context: z.object({ before: z.string(), quote: z.string(), after: z.string() }),
  })
  .meta({ id: 'ReviewItem' });

const documentSummarySchema = z
  .object({
    id: z.number(),
    external_id: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    publisher: z.string().nullable(),
    published: z.string(),
    language: z.string().nullable(),
    ingested_at: z.string(),
    facts: z.object({ pending: z.number(), accepted: z.number(), rejected: z.number() }),
  })
  .meta({ id: 'DocumentSummary' });

const documentDetailSchema = documentSummarySchema
  .omit({ facts: true })
  .extend({
    body: z.string(),
    front_matter: z.record(z.string(), z.unknown()),
    extractor_version: z.string(),
    facts: z.array(factViewSchema),
  })
  .meta({ id: 'Document' });

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export function documentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/documents',
      {
        schema: {
          tags: ['documents'],
          summary: 'Documents, newest first, with the count of their facts by status',
          querystring: z.object({
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
          response: {
            200: z.object({ documents: z.array(documentSummarySchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => listDocuments(ctx.db, req.query),
    );

    app.post(
      '/documents',
      {
        bodyLimit: MAX_DOCUMENT_CHARS * 4,
        schema: {
          tags: ['documents'],
          summary: 'Ingest a document: store it (once per content) and propose its facts for review',
          description:
            'content is the document file: optional YAML front matter (id, title, url, publisher, published, language), then the body.',
          body: z.object({
            content: z.string().min(1).max(MAX_DOCUMENT_CHARS),
            name: z
              .string()
              .max(200)
              .optional()
              .meta({ description: 'names a document without an id in its front matter' }),
          }),
          response: { 200: documentDetailSchema, 201: documentDetailSchema },
        },
      },
      async (req, reply) => {
        const result = await ingestDocument(
          ctx.db,
          req.body.content,
          req.body.name ?? 'document',
          today(),
          actorName(req),
        );
        return reply.status(result.created ? 201 : 200).send(result.document);
      },
    );

    app.get(
      '/documents/:id',
      {
        schema: {
          tags: ['documents'],
          summary: 'A document with its body and its facts (spans are offsets into the body)',
          params: idParams,
          response: { 200: documentDetailSchema },
        },
      },
      async (req) => getDocument(ctx.db, req.params.id),
    );

    app.get(
      '/review',
      {
        schema: {
          tags: ['documents'],
          summary:
            'The review queue: facts of a status (pending by default), oldest first, with their text in context',
          querystring: z.object({
            status: z.enum(['pending', 'accepted', 'rejected']).optional(),
            kind: z.string().max(40).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
          response: {
            200: z.object({ facts: z.array(reviewItemSchema), next_cursor: z.string().nullable() }),
          },
        },
      },
      async (req) => reviewQueue(ctx.db, req.query),
    );

    app.get(
      '/facts/:id',
      {
        schema: {
          tags: ['documents'],
          summary: 'One fact with its text in context; ETag is its version',
          params: idParams,
          response: { 200: reviewItemSchema },
        },
      },
      async (req, reply) => {
        const fact = await getFact(ctx.db, req.params.id);
        reply.header('etag', `"${fact.version}"`);
        return fact;
      },
    );

    app.post(
      '/facts/:id/accept',
      {
        schema: {
          tags: ['documents'],
          summary: 'Accept a fact, optionally edited (the proposal is kept); needs If-Match with its version',
          params: idParams,
          headers: z.object({ 'if-match': z.string().optional() }),
          body: z
            .object({
              edited: z
                .record(z.string(), z.unknown())
                .optional()
                .meta({ description: 'fields that replace the proposed ones' }),
              reviewer: z.string().min(1).max(100).optional(),
            })
            .optional(),
          response: { 200: factViewSchema },
        },
      },
      async (req, reply) => {
        const view = await decideFact(ctx.db, req.params.id, {
          action: 'accept',
          version: versionFromIfMatch(req.headers['if-match']),
          reviewer: req.actor?.name ?? req.body?.reviewer ?? 'anonymous',
          edited: req.body?.edited,
        });
        reply.header('etag', `"${view.version}"`);
        return view;
      },
    );

    app.post(
      '/facts/:id/reject',
      {
        schema: {
          tags: ['documents'],
          summary: 'Reject a fact with a reason; needs If-Match with its version',
          params: idParams,
          headers: z.object({ 'if-match': z.string().optional() }),
          body: z.object({
            reason: z.string().trim().min(1).max(1000),
            reviewer: z.string().min(1).max(100).optional(),
          }),
          response: { 200: factViewSchema },
        },
      },
      async (req, reply) => {
        const view = await decideFact(ctx.db, req.params.id, {
          action: 'reject',
          version: versionFromIfMatch(req.headers['if-match']),
          reviewer: req.actor?.name ?? req.body.reviewer ?? 'anonymous',
          reason: req.body.reason,
        });
        reply.header('etag', `"${view.version}"`);
        return view;
      },
    );
  };
}
