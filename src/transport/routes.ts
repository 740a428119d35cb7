// HTTP routes of maps: GeoJSON of projects, infrastructure and checkpoints.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { countryListParam } from '../lib/index.js';
import type { KindRegistry } from '../records/index.js';
import { featureCollection, MAPPED_KINDS } from './geo.js';

const LAYERS = {
  projects: ['project'],
  infrastructure: ['infrastructure'],
  checkpoints: ['checkpoint'],
  all: MAPPED_KINDS,
} as const;

export function transportRoutes(ctx: AppContext, registry: KindRegistry): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/geo/:layer',
      {
        schema: {
          tags: ['maps'],
          summary:
            'GeoJSON FeatureCollection (RFC 7946) of joint projects, infrastructure, checkpoints, or all of them',
          params: z.object({ layer: z.enum(['projects', 'infrastructure', 'checkpoints', 'all']) }),
          querystring: z.object({
            country: countryListParam(),
          }),
        },
      },
      async (req, reply) => {
        const collection = await featureCollection(
          ctx.db,
          registry,
          LAYERS[req.params.layer],
          req.query.country,
        );
        reply.type('application/geo+json');
        return collection;
      },
    );
  };
}
