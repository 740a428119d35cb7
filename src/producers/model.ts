// The producer as the API and the import take it, and as Keruen stores and returns it (producers.md).
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullish();

export const HS_CODE = /^\d{2}(\d{2}(\d{2})?)?$/;
const ISO2 = /^[A-Z]{2}$/;

export const otherNameSchema = z.object({
  name: text(300),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be a language code such as en, ru, kk, uz')
    .nullish(),
});

/** A producer as written by a person or a file: the fields of producers.md. */
export const producerInputSchema = z.object({
  name: text(300),
  other_names: z.array(otherNameSchema).max(20).default([]),
  country: z.string().trim().toUpperCase().regex(ISO2, 'must be an ISO 3166-1 alpha-2 code'),
  national_id: optionalText(40),
  region: optionalText(200),
  city: optionalText(200),
  address: optionalText(500),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
  website: z
    .url({ protocol: /^https?$/, error: 'must be a web address (http or https)' })
    .max(300)
    .nullish(),
  email: z.email({ error: 'must be an e-mail address' }).max(200).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s().-]{5,30}$/, 'must be digits, spaces, dashes and brackets, with an optional +')
    .nullish(),
  hs_codes: z.array(z.string().regex(HS_CODE, 'must be an HS code of 2, 4 or 6 digits')).max(200).default([]),
  products: optionalText(4000),
  export_markets: z
    .array(z.string().trim().toUpperCase().regex(ISO2, 'must be an ISO 3166-1 alpha-2 code'))
    .max(250)
    .default([]),
  employees: z.number().int().min(0).max(10_000_000).nullish(),
  capacity: optionalText(500),
  certifications: z.array(text(100)).max(50).default([]),
});
export type ProducerInput = z.infer<typeof producerInputSchema>;

export const producerSchema = producerInputSchema.extend({
  id: z.number().int(),
  other_names: z.array(otherNameSchema.extend({ script: z.string() })),
  sources: z.array(z.object({ kind: z.string(), reference: z.string(), added_at: z.string() })),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Producer = z.infer<typeof producerSchema>;

export const searchQuerySchema = z.object({
  q: z.string().trim().max(300).default(''),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}(,[A-Za-z]{2})*$/)
    .optional(),
  hs: z.string().regex(HS_CODE, 'must be an HS code prefix of 2, 4 or 6 digits').optional(),
  region: z.string().trim().max(200).optional(),
  market: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  certification: z.string().trim().max(100).optional(),
  /** Only names written in the script of the query (no transliteration). */
  same_script: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const matchRequestSchema = z
  .object({
    product: z.string().trim().min(1).max(300).optional(),
    hs: z.string().regex(HS_CODE, 'must be an HS code of 2, 4 or 6 digits').optional(),
    destination: z.string().regex(ISO2, 'must be an ISO 3166-1 alpha-2 code').optional(),
    quantity: z.string().trim().max(100).optional(),
    certifications: z.array(z.string().trim().min(1).max(100)).max(10).default([]),
    origin: z.array(z.string().regex(ISO2)).max(20).optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .refine((r) => r.product !== undefined || r.hs !== undefined, {
    message: 'give the product in words, an HS code, or both',
    path: ['product'],
  });
export type MatchRequest = z.infer<typeof matchRequestSchema>;
