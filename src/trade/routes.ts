// HTTP routes of the trade monitor (so far: reported figures with their sources, and targets).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorName } from '../auth/index.js';
import type { AppContext } from '../context.js';
import { etagOf, restoreRoute, versionFromIfMatch } from '../lib/index.js';
import { isoDate as isoDateSchema } from '../reference/index.js';
import { seriesCsv, seriesXlsx } from './export.js';
import { blocTrade, pairSummary, targetsWithProgress, tradeSeries } from './monitor.js';
import { listReported } from './reported.js';
import {
  createTarget,
  deleteTarget,
  getTarget,
  type NewTarget,
  restoreTarget,
  targetHistory,
  updateTarget,
} from './targets.js';

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

    const targetInput = z
      .object({
        scope: z.union([
          z.object({ countries: z.array(z.string().regex(/^[A-Za-z]{2,3}$/)).length(2) }),
          z.object({ group: z.string().regex(/^[A-Za-z_]{2,20}$/) }),
        ]),
        flow: z.enum(['turnover', 'exports']).default('turnover'),
        from: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .nullish(),
        to: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .nullish(),
        value: z.number().positive().max(1e16),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .default('USD'),
        bound: z.enum(['exact', 'over', 'under', 'about']).default('exact'),
        by: z
          .string()
          .regex(/^\d{4}$/)
          .nullish(),
        horizon: z.enum(['short', 'medium', 'long']).nullish(),
        stated_on: isoDateSchema,
        reporter: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .nullish(),
        source: z.record(z.string(), z.unknown()).optional(),
      })
      // A target as read can be written back: what only the server sets is accepted and ignored.
      .loose()
      .refine((b) => (b.by ?? null) !== null || (b.horizon ?? null) !== null, {
        message: 'give by or horizon',
        path: ['by'],
      });
    const asNewTarget = (body: z.infer<typeof targetInput>): NewTarget => ({
      scope:
        'group' in body.scope
          ? { group: body.scope.group.toUpperCase() }
          : { countries: body.scope.countries.map((c) => c.toUpperCase()) },
      flow: body.flow,
      from: body.from,
      to: body.to,
      value: body.value,
      currency: body.currency,
      bound: body.bound,
      by: body.by,
      horizon: body.horizon,
      stated_on: body.stated_on,
      reporter: body.reporter,
      source: body.source,
    });
    const idParams = z.object({
      id: z.coerce
        .number()
        .int()
        .positive()
        .max(2 ** 53),
    });
    const ifMatch = z.object({ 'if-match': z.string().optional() });

    app.post(
      '/targets',
      {
        schema: {
          tags: ['trade'],
          summary: 'Record a target someone stated',
          body: targetInput,
          response: { 201: targetSchema },
        },
      },
      async (req, reply) => {
        const target = await createTarget(ctx.db, asNewTarget(req.body), actorName(req));
        return reply.status(201).header('etag', etagOf(target.version)).send(target);
      },
    );

    app.get(
      '/targets/:id',
      {
        schema: {
          tags: ['trade'],
          summary: 'One target with its progress; ETag is its version',
          params: idParams,
          response: { 200: targetSchema },
        },
      },
      async (req, reply) => {
        const target = await getTarget(ctx.db, req.params.id);
        reply.header('etag', etagOf(target.version));
        return target;
      },
    );

    app.put(
      '/targets/:id',
      {
        schema: {
          tags: ['trade'],
          summary: "Replace a target's values (If-Match: its version; a stale one gets 409)",
          params: idParams,
          headers: ifMatch,
          body: targetInput,
          response: { 200: targetSchema },
        },
      },
      async (req, reply) => {
        const version = versionFromIfMatch(req.headers['if-match']);
        const target = await updateTarget(
          ctx.db,
          req.params.id,
          version,
          asNewTarget(req.body),
          actorName(req),
        );
        reply.header('etag', etagOf(target.version));
        return target;
      },
    );

    app.delete(
      '/targets/:id',
      {
        schema: {
          tags: ['trade'],
          summary: 'Delete a target (If-Match: its version); its history is kept and an admin can restore it',
          params: idParams,
          headers: ifMatch,
        },
      },
      async (req, reply) => {
        await deleteTarget(
          ctx.db,
          req.params.id,
          versionFromIfMatch(req.headers['if-match']),
          actorName(req),
        );
        return reply.code(204).send();
      },
    );

    restoreRoute(app, '/targets', {
      tags: ['trade'],
      what: 'a target',
      response: targetSchema,
      restore: (id, version, expected, req) => restoreTarget(ctx.db, id, version, expected, actorName(req)),
    });

    app.get(
      '/targets/:id/history',
      {
        schema: {
          tags: ['trade'],
          summary: 'Every write of a target: who, when, before and after',
          params: idParams,
          response: {
            200: z.object({
              history: z.array(
                z.object({
                  at: z.string(),
                  version: z.number(),
                  action: z.string(),
                  actor: z.string().nullable(),
                  before: z.record(z.string(), z.unknown()).nullable(),
                  after: z.record(z.string(), z.unknown()).nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => ({ history: await targetHistory(ctx.db, req.params.id) }),
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
