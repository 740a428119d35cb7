// HTTP routes of maps: GeoJSON of projects, infrastructure and checkpoints.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
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
            country: z
              .string()
              .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/, 'must be ISO 3166-1 alpha-2 codes separated by commas')
              .optional(),
          }),
        },
      },
      async (req, reply) => {
        const collection = await featureCollection(
          ctx.db,
          registry,
          LAYERS[req.params.layer],
          req.query.country ? req.query.country.toUpperCase().split(',') : [],
        );
        reply.type('application/geo+json');
        return collection;
      },
    );
  };
}
