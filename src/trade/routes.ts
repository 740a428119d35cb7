// HTTP routes of the trade monitor (so far: reported figures with their sources, and targets).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { listReported, listTargetRecords } from './reported.js';

const scopeSchema = z.union([z.object({ countries: z.array(z.string()) }), z.object({ group: z.string() })]);
const scopeQuery = z
  .string()
  .regex(
    /^(?:[A-Za-z]{2}-[A-Za-z]{2}|[A-Za-z_]{2,20})$/,
    'must be a pair such as KZ-UZ or a bloc code such as EAEU',
  )
  .transform((s) => (s.includes('-') ? s.toUpperCase().split('-').sort().join('-') : s.toUpperCase()))
  .optional();

export function tradeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/trade/reported',
      {
        schema: {
          tags: ['trade'],
          summary: 'Figures stated in documents, each with its sources; conflicting figures are flagged',
          querystring: z.object({ scope: scopeQuery.meta({ description: 'KZ-UZ or a bloc code' }) }),
          response: {
            200: z.object({
              reported: z.array(
                z
                  .object({
                    id: z.number(),
                    scope: scopeSchema,
                    flow: z.string(),
                    from: z.string().nullable(),
                    to: z.string().nullable(),
                    period: z.object({ from: z.string(), to: z.string() }),
                    value: z.number(),
                    currency: z.string(),
                    bound: z.string(),
                    change_pct: z.number().nullable(),
                    conflict: z.boolean(),
                    sources: z.array(
                      z.object({
                        fact_id: z.number().nullable(),
                        document_id: z.number().nullable(),
                        title: z.string().nullable(),
                        url: z.string().nullable(),
                        publisher: z.string().nullable(),
                        published: z.string().nullable(),
                        quote: z.string().nullable(),
                        span: z.tuple([z.number(), z.number()]).nullable(),
                      }),
                    ),
                  })
                  .meta({ id: 'ReportedFigure' }),
              ),
            }),
          },
        },
      },
      async (req) => ({ reported: await listReported(ctx.db, req.query.scope) }),
    );

    app.get(
      '/targets',
      {
        schema: {
          tags: ['trade'],
          summary: 'Trade targets with who stated them, when, and their source',
          querystring: z.object({ scope: scopeQuery }),
          response: {
            200: z.object({
              targets: z.array(
                z
                  .object({
                    id: z.number(),
                    scope: scopeSchema,
                    flow: z.string(),
                    from: z.string().nullable(),
                    to: z.string().nullable(),
                    value: z.number(),
                    currency: z.string(),
                    bound: z.string(),
                    by: z.string().nullable(),
                    horizon: z.string().nullable(),
                    stated_on: z.string(),
                    reporter: z.string().nullable(),
                    source: z.record(z.string(), z.unknown()),
                    fact_id: z.number().nullable(),
                    version: z.number(),
                  })
                  .meta({ id: 'Target' }),
              ),
            }),
          },
        },
      },
      async (req) => ({ targets: await listTargetRecords(ctx.db, req.query.scope) }),
    );
  };
}
