// Row types of the tables, as the database returns them (snake_case; numeric arrives as a string,
// date as 'YYYY-MM-DD', bigint as a number). Repositories map them to API shapes explicitly.
import type { ColumnType, Generated } from 'kysely';

export type Json = ColumnType<unknown, string, string>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CountryTable {
  code: string;
  alpha3: string;
  numeric: string;
  m49: string | null;
  names: ColumnType<Record<string, string>, string, string>;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
}

export interface BlocTable {
  code: string;
  names: ColumnType<Record<string, string>, string, string>;
  kind: string;
  founded: string | null;
}

export interface BlocMemberTable {
  bloc_code: string;
  country_code: string;
  valid_from: string;
  valid_until: string | null;
  role: string;
  note: string | null;
}

export interface CurrencyTable {
  code: string;
  numeric: string | null;
  name: string;
  minor_units: number | null;
}

export interface HsSectionTable {
  version: string;
  code: string;
  title: string;
}

export interface HsCodeTable {
  version: string;
  code: string;
  level: number;
  parent: string | null;
  section: string | null;
  title: string;
  description: string | null;
}

export interface ReferenceLoadTable {
  name: string;
  digest: string;
  loaded_at: Timestamp;
}

export interface DB {
  country: CountryTable;
  bloc: BlocTable;
  bloc_member: BlocMemberTable;
  currency: CurrencyTable;
  hs_section: HsSectionTable;
  hs_code: HsCodeTable;
  reference_load: ReferenceLoadTable;
}

export type { Generated };
