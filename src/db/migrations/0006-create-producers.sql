-- The producers registry: one record per producing company, its names in every script, what it makes
-- (HS codes), where, to whom it sells; search keys kept beside the text they come from.
create table producer (
  id bigint generated always as identity primary key,
  country char(2) not null references country (code),
  -- The national business identifier, normalized and checked for the country (BIN, INN, STIR, UNP …).
  national_id text,
  -- What makes a row of an import the same producer when there is no national identifier:
  -- the country, the search key of the registered name and of the city.
  natural_key text collate "C" not null,
  name text not null,
  region text,
  city text,
  address text,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  website text,
  email text,
  phone text,
  products text,
  hs_codes text[] not null default '{}',
  export_markets text[] not null default '{}',
  employees integer check (employees >= 0),
  capacity text,
  certifications text[] not null default '{}',
  -- Derived for search and filters, written with the record from the same input:
  -- every HS code with its heading and chapter; the search keys of all names, of their skeletons,
  -- of the products, region and city; certifications folded to lower case.
  hs_prefixes text[] not null default '{}',
  names_key text not null,
  names_skeleton text not null,
  products_key text not null default '',
  region_key text,
  city_key text,
  cert_keys text[] not null default '{}',
  -- The host of the website and the digits of the phone, for finding duplicates.
  website_host text,
  phone_digits text,
  -- A digest of everything above as given: an import that brings the same content changes nothing.
  content_hash text not null,
  -- Set when the record was merged into another, or deleted; it is then kept only for its history.
  merged_into bigint references producer (id),
  deleted_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index producer_natural_idx on producer (natural_key) where merged_into is null and deleted_at is null;
create unique index producer_national_idx on producer (country, national_id)
  where national_id is not null and merged_into is null and deleted_at is null;
create index producer_country_idx on producer (country, id);
create index producer_names_trgm_idx on producer using gin (names_key gin_trgm_ops);
create index producer_skeleton_trgm_idx on producer using gin (names_skeleton gin_trgm_ops);
create index producer_products_trgm_idx on producer using gin (products_key gin_trgm_ops);
create index producer_hs_idx on producer using gin (hs_prefixes);
create index producer_markets_idx on producer using gin (export_markets);
create index producer_cert_idx on producer using gin (cert_keys);
create index producer_city_idx on producer (city_key) where city_key is not null;
create index producer_region_idx on producer (region_key) where region_key is not null;
create index producer_website_idx on producer (website_host) where website_host is not null;
create index producer_phone_idx on producer (phone_digits) where phone_digits is not null;

-- Every name of a producer: as registered, and other spellings, each with its script and language.
create table producer_name (
  producer_id bigint not null references producer (id) on delete cascade,
  name text not null,
  script text not null check (script in ('Cyrl', 'Latn', 'mixed', 'none')),
  lang text,
  key text not null,
  primary key (producer_id, name)
);

-- Where a producer's data came from: an imported file and line, the API, the demo, a merge.
create table producer_source (
  id bigint generated always as identity primary key,
  producer_id bigint not null references producer (id) on delete cascade,
  kind text not null check (kind in ('import', 'api', 'demo', 'merge')),
  reference text not null,
  added_at timestamptz not null default now(),
  unique (producer_id, kind, reference)
);

-- Every change of a producer: who, when, what it was before and after.
create table producer_history (
  id bigint generated always as identity primary key,
  producer_id bigint not null references producer (id) on delete cascade,
  version integer not null,
  action text not null check (action in ('create', 'update', 'delete', 'merge')),
  actor text not null,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
create index producer_history_idx on producer_history (producer_id, id);
