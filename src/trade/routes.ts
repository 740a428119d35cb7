// HTTP routes of the trade monitor (so far: reported figures with their sources, and targets).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { isoDate as isoDateSchema } from '../reference/index.js';
import { seriesCsv, seriesXlsx } from './export.js';
import { blocTrade, createTarget, pairSummary, targetsWithProgress, tradeSeries } from './monitor.js';
import { listReported } from './reported.js';

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

    const progressFields = {
      target_year: z.number().nullable(),
      latest: z
        .object({ year: z.number(), value: z.number(), kind: z.enum(['official', 'reported']) })
        .nullable(),
      progress: z.number().nullable(),
      required_cagr: z.number().nullable(),
      trend_cagr: z.number().nullable(),
      projected_year: z.number().nullable(),
      status: z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'unknown']),
    };
    const targetSchema = z
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
        ...progressFields,
      })
      .meta({ id: 'Target' });

    app.get(
      '/targets',
      {
        schema: {
          tags: ['trade'],
          summary: 'Trade targets with who stated them, when, their source, and their progress',
          querystring: z.object({ scope: scopeQuery }),
          response: { 200: z.object({ targets: z.array(targetSchema) }) },
        },
      },
      async (req) => ({ targets: await targetsWithProgress(ctx.db, req.query.scope) }),
    );

    app.post(
      '/targets',
      {
        schema: {
          tags: ['trade'],
          summary: 'Record a target someone stated',
          body: z
            .object({
              scope: z.union([
                z.object({ countries: z.array(z.string().regex(/^[A-Za-z]{2,3}$/)).length(2) }),
                z.object({ group: z.string().regex(/^[A-Za-z_]{2,20}$/) }),
              ]),
              flow: z.enum(['turnover', 'exports']).default('turnover'),
              from: z
                .string()
                .regex(/^[A-Z]{2}$/)
                .optional(),
              to: z
                .string()
                .regex(/^[A-Z]{2}$/)
                .optional(),
              value: z.number().positive().max(1e16),
              currency: z
                .string()
                .regex(/^[A-Z]{3}$/)
                .default('USD'),
              by: z
                .string()
                .regex(/^\d{4}$/)
                .optional(),
              horizon: z.enum(['short', 'medium', 'long']).optional(),
              stated_on: isoDateSchema,
              reporter: z
                .string()
                .regex(/^[A-Z]{2}$/)
                .optional(),
              source: z.record(z.string(), z.unknown()).optional(),
            })
            .refine((b) => b.by !== undefined || b.horizon !== undefined, {
              message: 'give by or horizon',
              path: ['by'],
            }),
          response: { 201: targetSchema },
        },
      },
      async (req, reply) => {
        const target = await createTarget(ctx.db, {
          ...req.body,
          scope:
            'group' in req.body.scope
              ? { group: req.body.scope.group.toUpperCase() }
              : { countries: req.body.scope.countries.map((c) => c.toUpperCase()) },
        });
        return reply.status(201).send(target);
      },
    );

    app.get(
      '/trade',
      {
        schema: {
          tags: ['trade'],
          summary:
            'A pair’s trade by year: official by reporter side and the pair’s value, reported figures with sources, conflicts',
          description:
            'format=csv returns the series as CSV. For flow=exports the first country is the exporter.',
          querystring: z.object({
            countries: z
              .string()
              .regex(/^[A-Za-z]{2,3},[A-Za-z]{2,3}$/, 'must be two country codes, e.g. KZ,UZ')
              .transform((s) => s.toUpperCase().split(',') as [string, string]),
            flow: z.enum(['turnover', 'exports']).optional(),
            from: z.coerce.number().int().min(1950).max(2100).optional(),
            to: z.coerce.number().int().min(1950).max(2100).optional(),
            by: z.enum(['hs2']).optional(),
            format: z.enum(['json', 'csv', 'xlsx']).optional(),
          }),
        },
      },
      async (req, reply) => {
        const series = await tradeSeries(ctx.db, {
          countries: req.query.countries,
          flow: req.query.flow,
          from: req.query.from,
          to: req.query.to,
          byHs2: req.query.by === 'hs2',
        });
        if (req.query.format === 'xlsx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header(
              'content-disposition',
              `attachment; filename="trade-${series.scope.countries.join('-')}.xlsx"`,
            )
            .send(await seriesXlsx(series));
        }
        if (req.query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="trade-${series.scope.countries.join('-')}.csv"`,
            )
            .send(seriesCsv(series));
        }
        return series;
      },
    );

    app.get(
      '/pairs/:pair',
      {
        schema: {
          tags: ['trade'],
          summary: 'A pair at a glance: latest value, trend, targets with progress, top HS chapters',
          params: z.object({ pair: z.string().regex(/^[A-Za-z]{2}-[A-Za-z]{2}$/, 'must be like KZ-UZ') }),
        },
      },
      async (req) => {
        const [a, b] = req.params.pair.toUpperCase().split('-') as [string, string];
        return pairSummary(ctx.db, a, b);
      },
    );

    app.get(
      '/blocs/:code/trade',
      {
        schema: {
          tags: ['trade'],
          summary: 'A bloc’s mutual trade by year, from its members’ pairs (membership as of each year)',
          params: z.object({ code: z.string().min(2).max(20) }),
          querystring: z.object({
            from: z.coerce.number().int().min(1950).max(2100).optional(),
            to: z.coerce.number().int().min(1950).max(2100).optional(),
          }),
        },
      },
      async (req) => blocTrade(ctx.db, req.params.code, req.query),
    );
  };
}
