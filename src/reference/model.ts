// API shapes of reference data (zod schemas, and the types inferred from them).
import { z } from 'zod';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'must be a real calendar date',
    },
  );

export const namesSchema = z.record(z.string(), z.string()).meta({
  description: 'Names by language code (en, ru, kk, uz, ky, tg, tk, be)',
  example: { en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан' },
});

export const countrySchema = z
  .object({
    code: z.string().meta({ description: 'ISO 3166-1 alpha-2', example: 'KZ' }),
    alpha3: z.string().meta({ example: 'KAZ' }),
    numeric: z.string().meta({ description: 'ISO 3166-1 numeric', example: '398' }),
    m49: z
      .string()
      .nullable()
      .meta({ description: 'UN statistical (M49/Comtrade) code where it differs from numeric' }),
    names: namesSchema,
    aliases: z.array(z.string()),
  })
  .meta({ id: 'Country' });
export type Country = z.infer<typeof countrySchema>;

export const membershipSchema = z
  .object({
    bloc: z.string(),
    country: z.string(),
    from: z.string(),
    until: z.string().nullable().meta({ description: 'exclusive; null while the membership lasts' }),
    role: z.enum(['member', 'associate', 'observer']),
    note: z.string().nullable(),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof membershipSchema>;

export const countryDetailSchema = countrySchema
  .extend({ memberships: z.array(membershipSchema) })
  .meta({ id: 'CountryDetail' });
export type CountryDetail = z.infer<typeof countryDetailSchema>;

export const blocSchema = z
  .object({
    code: z.string().meta({ example: 'EAEU' }),
    kind: z.string(),
    founded: z.string().nullable(),
    names: namesSchema,
    on: z.string().meta({ description: 'the date the member list holds on' }),
    members: z.array(membershipSchema.extend({ name: z.string() })),
  })
  .meta({ id: 'Bloc' });
export type Bloc = z.infer<typeof blocSchema>;

export const blocDetailSchema = blocSchema
  .extend({ history: z.array(membershipSchema).meta({ description: 'every membership, past and present' }) })
  .meta({ id: 'BlocDetail' });
export type BlocDetail = z.infer<typeof blocDetailSchema>;

export const currencySchema = z
  .object({
    code: z.string(),
    numeric: z.string().nullable(),
    name: z.string(),
    minor_units: z.number().nullable(),
  })
  .meta({ id: 'Currency' });

export const hsCodeSchema = z
  .object({
    version: z.string().meta({ example: 'HS2022' }),
    code: z.string().meta({ example: '7403' }),
    level: z.number().int().meta({ description: '2 (chapter), 4 (heading) or 6 (subheading)' }),
    parent: z.string().nullable(),
    section: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
  })
  .meta({ id: 'HsCode' });
export type HsCode = z.infer<typeof hsCodeSchema>;
