-- Reference data: countries, blocs with membership over time, currencies, the HS nomenclature.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table country (
  code char(2) primary key check (code ~ '^[A-Z]{2}$'),
  alpha3 char(3) not null unique check (alpha3 ~ '^[A-Z]{3}$'),
  numeric char(3) not null unique check (numeric ~ '^[0-9]{3}$'),
  -- The UN statistical (M49/Comtrade) code where it differs from the ISO numeric code, e.g. 842 for the US.
  m49 char(3) check (m49 ~ '^[0-9]{3}$'),
  -- Names by language: {"en": "Kazakhstan", "ru": "Казахстан", ...}
  names jsonb not null,
  -- Other names and spellings in any language, for matching free text and imported files.
  aliases text[] not null default '{}'
);
create unique index country_m49_idx on country (m49) where m49 is not null;

create table bloc (
  code text primary key check (code ~ '^[A-Z_]{2,20}$'),
  names jsonb not null,
  kind text not null check (kind in ('customs_union', 'economic_union', 'region', 'organization')),
  founded date
);

create table bloc_member (
  bloc_code text not null references bloc (code),
  country_code char(2) not null references country (code),
  -- Membership holds on every day d with valid_from <= d and (valid_until is null or d < valid_until).
  valid_from date not null,
  valid_until date,
  role text not null default 'member' check (role in ('member', 'associate', 'observer')),
  note text,
  primary key (bloc_code, country_code, valid_from),
  check (valid_until is null or valid_until > valid_from)
);
create index bloc_member_country_idx on bloc_member (country_code);

create table currency (
  code char(3) primary key check (code ~ '^[A-Z]{3}$'),
  numeric char(3),
  name text not null,
  minor_units smallint
);

-- HS sections and codes carry the nomenclature version (HS2022, ...): a code means what its version says.
create table hs_section (
  version text not null,
  code text not null,
  title text not null,
  primary key (version, code)
);

create table hs_code (
  version text not null,
  code text not null check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$'),
  level smallint not null check (level in (2, 4, 6)),
  parent text,
  section text,
  -- Short title written for Keruen (chapters), and the nomenclature's own description when imported.
  title text not null,
  description text,
  primary key (version, code),
  check ((level = 2 and parent is null) or (level > 2 and parent is not null))
);
create index hs_code_parent_idx on hs_code (version, parent);
create index hs_code_title_trgm_idx on hs_code using gin ((coalesce(description, title)) gin_trgm_ops);

-- Which built-in data sets are loaded, and the digest of what was loaded, so a start loads only what changed.
create table reference_load (
  name text primary key,
  digest text not null,
  loaded_at timestamptz not null default now()
);
