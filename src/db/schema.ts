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

export interface DocumentTable {
  id: Generated<number>;
  content_hash: string;
  external_id: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string;
  language: string | null;
  front_matter: ColumnType<Record<string, unknown>, string, string>;
  body: string;
  extractor_version: string;
  ingested_at: Generated<Date>;
}

export interface FactTable {
  id: Generated<number>;
  document_id: number;
  ordinal: number;
  kind: string;
  proposed: ColumnType<Record<string, unknown>, string, string>;
  span_start: number;
  span_end: number;
  quote: string;
  confidence: number;
  status: Generated<string>;
  edited: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  applied_at: Date | null;
  version: Generated<number>;
}

export interface TradeReportedTable {
  id: Generated<number>;
  scope: string;
  flow: string;
  exporter: string | null;
  importer: string | null;
  period_from: string;
  period_to: string;
  value: ColumnType<string, string | number, string | number>;
  currency: string;
  bound: string;
  change_pct: ColumnType<string | null, string | number | null, string | number | null>;
  created_at: Generated<Date>;
}

export interface TradeReportedSourceTable {
  id: Generated<number>;
  reported_id: number;
  fact_id: number | null;
  citation: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface TradeDatasetTable {
  id: Generated<number>;
  name: string;
}

export interface TradeOfficialTable {
  dataset_id: number;
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  month: number;
  cmd: string;
  /** trade_key(…) of the row, set by the import's SQL; never read in JavaScript (it exceeds 2^53). */
  key: ColumnType<never, never, never>;
  value: ColumnType<string, string | number, string | number>;
  currency: Generated<string>;
  import_id: number | null;
  source_line: number | null;
}

export interface TradeImportTable {
  id: Generated<number>;
  dataset: string;
  file: string;
  started_at: Generated<Date>;
  finished_at: Date | null;
  rows_read: number | null;
  imported: number | null;
  updated: number | null;
  unchanged: number | null;
  rejected: number | null;
}

export interface TradeOfficialTotalTable {
  dataset: string;
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  month: number;
  value: ColumnType<string, string | number, string | number>;
  basis: string;
}

export interface TradeOfficialChapterTable {
  dataset: string;
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  month: number;
  chapter: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface TradeTargetTable {
  id: Generated<number>;
  scope: string;
  flow: string;
  exporter: string | null;
  importer: string | null;
  value: ColumnType<string, string | number, string | number>;
  currency: string;
  bound: Generated<string>;
  by_year: number | null;
  horizon: string | null;
  stated_on: string;
  reporter: string | null;
  source: ColumnType<Record<string, unknown>, string, string>;
  fact_id: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  deleted_at: Date | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  version: Generated<number>;
  action: string;
  actor: string | null;
  changed_at: Generated<Date>;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface ProducerTable {
  id: Generated<number>;
  country: string;
  national_id: string | null;
  natural_key: string;
  name: string;
  region: string | null;
  city: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  products: string | null;
  hs_codes: string[];
  export_markets: string[];
  employees: number | null;
  capacity: string | null;
  certifications: string[];
  hs_prefixes: string[];
  names_key: string;
  names_skeleton: string;
  products_key: string;
  region_key: string | null;
  city_key: string | null;
  cert_keys: string[];
  website_host: string | null;
  phone_digits: string | null;
  content_hash: string;
  merged_into: number | null;
  deleted_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProducerNameTable {
  producer_id: number;
  name: string;
  script: string;
  lang: string | null;
  key: string;
}

export interface ProducerWordTable {
  word: string;
  skeleton: string;
  /** The word with one letter left out, each way (words of four letters or more). */
  variants: Generated<string[]>;
}

export interface ProducerSourceTable {
  id: Generated<number>;
  producer_id: number;
  kind: string;
  reference: string;
  added_at: Generated<Date>;
}

export interface ProducerHistoryTable {
  id: Generated<number>;
  producer_id: number;
  version: number;
  action: string;
  actor: string;
  changed_at: Generated<Date>;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface DB {
  account_event: AuditEventTable;
  audit_event: AuditEventTable;
  producer: ProducerTable;
  producer_history: ProducerHistoryTable;
  producer_name: ProducerNameTable;
  producer_source: ProducerSourceTable;
  producer_name_word: ProducerWordTable;
  producer_product_word: ProducerWordTable;
  document: DocumentTable;
  fact: FactTable;
  trade_reported: TradeReportedTable;
  trade_reported_source: TradeReportedSourceTable;
  trade_target: TradeTargetTable;
  trade_dataset: TradeDatasetTable;
  trade_import: TradeImportTable;
  trade_official: TradeOfficialTable;
  trade_official_total: TradeOfficialTotalTable;
  trade_official_chapter: TradeOfficialChapterTable;
  country: CountryTable;
  bloc: BlocTable;
  bloc_member: BlocMemberTable;
  currency: CurrencyTable;
  hs_section: HsSectionTable;
  hs_code: HsCodeTable;
  reference_load: ReferenceLoadTable;
}

export type { Generated };
