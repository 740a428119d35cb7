// HTTP routes of cooperation views: a pair's cooperation, project rollups beside stated portfolios,
// overdue commitments. The records themselves are served by the records engine.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { countryListParam } from '../lib/index.js';
import { type KindRegistry, queryText } from '../records/index.js';
import { PROJECT_STATUSES } from './kinds.js';
import { overdueCommitments, pairCooperation, parsePair, projectRollup } from './service.js';

export function cooperationRoutes(ctx: AppContext, registry: KindRegistry): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/pairs/:pair/cooperation',
      {
        schema: {
          tags: ['cooperation'],
          summary:
            "A pair's meetings, documents signed, commitments, projects, portfolios, infrastructure and checkpoints, newest first",
          params: z.object({ pair: z.string().max(10).describe('two ISO2 codes, e.g. KZ-UZ') }),
        },
      },
      async (req) => pairCooperation(ctx.db, registry, parsePair(req.params.pair)),
    );

    app.get(
      '/projects/rollup',
      {
        schema: {
          tags: ['joint projects'],
          summary:
            'Joint project records summed by pair, status or sector (count, value by currency, jobs), with the portfolios as stated beside them',
          querystring: z.object({
            by: z.enum(['pair', 'status', 'sector']).default('status'),
            country: countryListParam(),
            status: z.enum(PROJECT_STATUSES).optional(),
            sector: queryText().optional(),
          }),
        },
      },
      async (req) =>
        projectRollup(ctx.db, registry, {
          by: req.query.by,
          countries: req.query.country,
          status: req.query.status,
          sector: req.query.sector,
        }),
    );

    app.get(
      '/commitments/overdue',
      {
        schema: {
          tags: ['commitments'],
          summary: 'Commitments past their due date that are neither done nor dropped, soonest due first',
          querystring: z.object({
            as_of: z.iso.date().optional().describe('the day to judge by (default: today)'),
            country: countryListParam(),
          }),
        },
      },
      async (req) => overdueCommitments(ctx.db, registry, req.query.as_of, req.query.country),
    );
  };
}
