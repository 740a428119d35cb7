// HTTP routes of reference data.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import {
  blocDetailSchema,
  blocSchema,
  countryDetailSchema,
  countrySchema,
  currencySchema,
  hsCodeSchema,
  isoDate,
} from './model.js';
import { browseHs, getBloc, getCountry, listBlocs, listCountries, listCurrencies } from './service.js';

export function referenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/countries',
      {
        schema: {
          tags: ['reference'],
          summary: 'Countries with their names in eight languages',
          querystring: z.object({
            q: z.string().max(100).optional().meta({ description: 'code or part of a name, any language' }),
          }),
          response: { 200: z.object({ countries: z.array(countrySchema) }) },
        },
      },
      async (req) => ({ countries: await listCountries(ctx.db, req.query.q) }),
    );

    app.get(
      '/countries/:code',
      {
        schema: {
          tags: ['reference'],
          summary: 'One country by alpha-2, alpha-3 or numeric code, with its bloc memberships',
          params: z.object({ code: z.string().min(2).max(3) }),
          response: { 200: countryDetailSchema },
        },
      },
      async (req) => getCountry(ctx.db, req.params.code),
    );

    app.get(
      '/blocs',
      {
        schema: {
          tags: ['reference'],
          summary: 'Blocs with their members on a date',
          querystring: z.object({
            on: isoDate.optional().meta({ description: 'YYYY-MM-DD; today when absent' }),
          }),
          response: { 200: z.object({ blocs: z.array(blocSchema) }) },
        },
      },
      async (req) => ({ blocs: await listBlocs(ctx.db, req.query.on) }),
    );

    app.get(
      '/blocs/:code',
      {
        schema: {
          tags: ['reference'],
          summary: 'One bloc: its members on a date and its whole membership history',
          params: z.object({ code: z.string().min(2).max(20) }),
          querystring: z.object({
            on: isoDate.optional().meta({ description: 'YYYY-MM-DD; today when absent' }),
          }),
          response: { 200: blocDetailSchema },
        },
      },
      async (req) => getBloc(ctx.db, req.params.code, req.query.on),
    );

    app.get(
      '/currencies',
      {
        schema: {
          tags: ['reference'],
          summary: 'ISO 4217 currencies',
          response: { 200: z.object({ currencies: z.array(currencySchema) }) },
        },
      },
      async () => ({ currencies: await listCurrencies(ctx.db) }),
    );

    app.get(
      '/hs',
      {
        schema: {
          tags: ['reference'],
          summary: 'Browse or search the HS nomenclature',
          description:
            'Without q: the children of parent (the chapters when absent), in code order. With q: codes starting with q, ' +
            'or whose title matches its words, best first. Pages by keyset: pass next_cursor back as cursor.',
          querystring: z.object({
            q: z.string().max(200).optional(),
            parent: z.string().max(4).optional(),
            version: z
              .string()
              .max(20)
              .optional()
              .meta({ description: 'nomenclature version; HS2022 when absent' }),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
          response: {
            200: z.object({
              version: z.string(),
              items: z.array(hsCodeSchema),
              next_cursor: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => browseHs(ctx.db, req.query),
    );
  };
}
