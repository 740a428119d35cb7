// Query parameters several capabilities take the same way.
import { z } from 'zod';

/** ISO 3166-1 alpha-2 codes separated by commas, in either case: KZ,UZ. */
export const COUNTRY_LIST = /^[A-Za-z]{2}(,[A-Za-z]{2})*$/;

/** An optional `country` parameter: the codes, upper-cased, as a list (empty when left out). */
export const countryListParam = () =>
  z
    .string()
    .regex(COUNTRY_LIST, 'must be ISO 3166-1 alpha-2 codes separated by commas')
    .optional()
    .transform((v) => (v ? v.toUpperCase().split(',') : []))
    .describe('only records that concern all these countries, e.g. KZ,UZ');
