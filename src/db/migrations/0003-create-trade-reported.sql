-- Trade figures and targets stated in documents or entered by people (official statistics come later).
-- Figures stated in documents (accepted trade_turnover facts). The same figure from several documents
-- is one row with several sources; different figures for the same scope and period are separate rows.
create table trade_reported (
  id bigint generated always as identity primary key,
  -- 'KZ-UZ' for a pair (sorted ISO2), or a bloc code: what the figure is about.
  scope text not null,
  flow text not null check (flow in ('turnover', 'exports')),
  exporter char(2),
  importer char(2),
  period_from char(7) not null check (period_from ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  period_to char(7) not null check (period_to ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  value numeric not null check (value > 0),
  currency char(3) not null,
  bound text not null check (bound in ('exact', 'over', 'under', 'about')),
  change_pct numeric,
  created_at timestamptz not null default now(),
  check (period_to >= period_from)
);
create index trade_reported_scope_idx on trade_reported (scope, flow, period_from, period_to);

-- Where a reported figure was stated: a reviewed fact of a stored document, or a citation entered as data
-- (title, publisher, date, URL) for figures whose document is not stored.
create table trade_reported_source (
  id bigint generated always as identity primary key,
  reported_id bigint not null references trade_reported (id) on delete cascade,
  fact_id bigint references fact (id) on delete cascade,
  citation jsonb,
  check ((fact_id is null) <> (citation is null))
);
create unique index trade_reported_source_fact_idx on trade_reported_source (fact_id) where fact_id is not null;
create index trade_reported_source_reported_idx on trade_reported_source (reported_id);

-- Targets leaders state: from accepted trade_target facts, the CLI or the API.
create table trade_target (
  id bigint generated always as identity primary key,
  scope text not null,
  flow text not null check (flow in ('turnover', 'exports')),
  exporter char(2),
  importer char(2),
  value numeric not null check (value > 0),
  currency char(3) not null,
  bound text not null default 'exact' check (bound in ('exact', 'over', 'under', 'about')),
  by_year integer check (by_year between 1990 and 2100),
  horizon text check (horizon in ('short', 'medium', 'long')),
  stated_on date not null,
  -- A target may name one side's statistics.
  reporter char(2),
  source jsonb not null default '{}',
  fact_id bigint unique references fact (id) on delete set null,
  version integer not null default 1,
  -- A target stated without a year or horizon keeps both empty until someone sets one.
  created_at timestamptz not null default now()
);
create index trade_target_scope_idx on trade_target (scope);
