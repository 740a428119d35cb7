// The facts the extractor proposes, as ../shared/spec/facts.md defines them (zod schemas and types).
import { z } from 'zod';

export const GROUPS = ['EAEU', 'CENTRAL_ASIA', 'CIS', 'SCO', 'EU'] as const;
export type Group = (typeof GROUPS)[number];

export const iso2 = z.string().regex(/^[A-Z]{2}$/);
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const scopeSchema = z.union([
  z.object({ countries: z.array(iso2).min(2) }),
  z.object({ group: z.enum(GROUPS) }),
]);
export type Scope = z.infer<typeof scopeSchema>;

export const periodSchema = z.object({ from: yearMonth, to: yearMonth });
export type Period = z.infer<typeof periodSchema>;

export const boundSchema = z.enum(['exact', 'over', 'under', 'about']);
export type Bound = z.infer<typeof boundSchema>;

const common = {
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  quote: z.string(),
  confidence: z.number().min(0).max(1),
};

const flowFields = {
  scope: scopeSchema,
  flow: z.enum(['turnover', 'exports']),
  from: iso2.optional(),
  to: iso2.optional(),
  value: z.number().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  bound: boundSchema,
};

export const tradeTurnoverSchema = z.object({
  kind: z.literal('trade_turnover'),
  ...flowFields,
  period: periodSchema,
  change_pct: z.number().optional(),
  ...common,
});

export const tradeTargetSchema = z.object({
  kind: z.literal('trade_target'),
  ...flowFields,
  by: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  horizon: z.enum(['short', 'medium', 'long']).nullable(),
  ...common,
});

export const portfolioSchema = z.object({
  kind: z.literal('project_portfolio'),
  scope: scopeSchema,
  count: z.number().int().nullable(),
  value: z.number().nullable(),
  currency: z.string().nullable(),
  jobs: z.number().int().nullable(),
  status: z.enum(['planned', 'in_progress', 'implemented', 'all']),
  ...common,
});

export const projectSchema = z.object({
  kind: z.literal('project'),
  name: z.string(),
  scope: scopeSchema.nullable(),
  sector: z.string().nullable(),
  value: z.number().nullable(),
  currency: z.string().nullable(),
  capacity: z.string().nullable(),
  location: z.string().nullable(),
  status: z.enum(['planned', 'in_progress', 'implemented']).nullable(),
  ...common,
});

export const AGREEMENT_TYPES = [
  'protocol',
  'roadmap',
  'memorandum',
  'agreement',
  'treaty',
  'program',
  'plan',
] as const;
export const agreementSchema = z.object({
  kind: z.literal('agreement'),
  type: z.enum(AGREEMENT_TYPES),
  title: z.string(),
  parties: z.array(iso2),
  signed: z.string().nullable(),
  ...common,
});

export const meetingSchema = z.object({
  kind: z.literal('meeting'),
  body: z.string(),
  number: z.number().int().nullable(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  chairs: z.array(z.string()),
  ...common,
});

export const cargoSchema = z.object({
  kind: z.literal('cargo_volume'),
  scope: scopeSchema,
  tonnes: z.number(),
  period: periodSchema.nullable(),
  change_pct: z.number().optional(),
  ...common,
});

export const personRoleSchema = z.object({
  kind: z.literal('person_role'),
  name: z.string(),
  role: z.string(),
  country: iso2.nullable(),
  as_of: z.string().nullable(),
  ...common,
});

export const factSchema = z.discriminatedUnion('kind', [
  tradeTurnoverSchema,
  tradeTargetSchema,
  portfolioSchema,
  projectSchema,
  agreementSchema,
  meetingSchema,
  cargoSchema,
  personRoleSchema,
]);
export type Fact = z.infer<typeof factSchema>;
export type TradeTurnover = z.infer<typeof tradeTurnoverSchema>;
export type TradeTarget = z.infer<typeof tradeTargetSchema>;
export type TradeFact = TradeTurnover | TradeTarget;
export type FactKind = Fact['kind'];

/** What the extractor knows of a document besides its text. */
export interface DocumentMeta {
  /** YYYY-MM-DD: the anchor of every relative expression ("last year"). */
  published: string;
  /** Where it was published ("primeminister.kz"): tells whose "domestic goods" these are. */
  publisher?: string;
  title?: string;
  language?: string;
}
