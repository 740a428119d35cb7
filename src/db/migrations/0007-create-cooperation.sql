-- Records of cooperation and transport: intergovernmental bodies, their meetings, documents signed,
-- commitments, joint projects and stated portfolios; corridors, infrastructure, border checkpoints and
-- what is measured at them. Every record has one row in coop_record (identity, kind, version, sources,
-- history, links) and one in the table of its kind (its fields).
create table coop_record (
  id bigint generated always as identity primary key,
  kind text not null check (kind in (
    'body', 'meeting', 'signed_document', 'commitment', 'project', 'portfolio',
    'corridor', 'infrastructure', 'checkpoint', 'checkpoint_observation')),
  -- What makes two inputs the same record (an import row, a fact of another article): normalised, per kind.
  natural_key text collate "C" not null,
  -- Shown in lists and links: the name, title or text of the record.
  label text not null,
  -- The countries the record concerns (sorted ISO2): what a pair's view selects on.
  countries char(2)[] not null default '{}',
  -- The date a list sorts the record by: a meeting's first day, a signature, a due date, an "as of".
  dated date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index coop_record_natural_idx on coop_record (kind, natural_key) where deleted_at is null;
create index coop_record_kind_idx on coop_record (kind, dated desc, id desc);
create index coop_record_countries_idx on coop_record using gin (countries);

create table body (
  id bigint primary key references coop_record (id) on delete cascade,
  name text not null,
  short_name text,
  type text not null check (type in ('council', 'commission', 'summit', 'committee', 'forum', 'organization', 'other')),
  bloc text,
  established date,
  -- [{ "name", "country", "role", "from", "to" }]: who chaired, and when.
  chairs jsonb not null default '[]'
);

create table meeting (
  id bigint primary key references coop_record (id) on delete cascade,
  body_id bigint references body (id),
  ordinal integer check (ordinal > 0),
  title text,
  starts_on date,
  ends_on date,
  place text,
  place_country char(2),
  -- [{ "name", "country", "role" }]
  chairs jsonb not null default '[]',
  participants jsonb not null default '[]',
  summary text,
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index meeting_body_idx on meeting (body_id, ordinal);

create table signed_document (
  id bigint primary key references coop_record (id) on delete cascade,
  type text not null check (type in ('protocol', 'roadmap', 'memorandum', 'agreement', 'treaty', 'program', 'plan')),
  title text not null,
  parties char(2)[] not null default '{}',
  signed_on date,
  meeting_id bigint references meeting (id),
  in_force_on date
);
create index signed_document_meeting_idx on signed_document (meeting_id);

create table commitment (
  id bigint primary key references coop_record (id) on delete cascade,
  text text not null,
  responsible text,
  due_on date,
  status text not null check (status in ('planned', 'in_progress', 'done', 'overdue', 'dropped')),
  -- [{ "status", "on", "note" }]: every status the commitment has had, oldest first.
  status_history jsonb not null default '[]',
  meeting_id bigint references meeting (id),
  document_id bigint references signed_document (id)
);
create index commitment_due_idx on commitment (due_on) where status not in ('done', 'dropped');

create table project (
  id bigint primary key references coop_record (id) on delete cascade,
  name text not null,
  sector text,
  hs_codes text[] not null default '{}',
  value numeric check (value >= 0),
  currency char(3),
  jobs integer check (jobs >= 0),
  capacity text,
  location text,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  status text not null check (status in ('planned', 'under_construction', 'implemented', 'suspended', 'cancelled')),
  started_on date,
  completed_on date,
  check ((value is null) = (currency is null))
);

-- A portfolio as stated ("69 projects worth $3.1 billion, 14.7 thousand jobs"), kept apart from the sum
-- of individual project records.
create table portfolio (
  id bigint primary key references coop_record (id) on delete cascade,
  bloc text,
  status text not null check (status in ('planned', 'in_progress', 'implemented', 'all')),
  count integer check (count >= 0),
  value numeric check (value >= 0),
  currency char(3),
  jobs integer check (jobs >= 0),
  as_of date not null
);

create table corridor (
  id bigint primary key references coop_record (id) on delete cascade,
  name text not null,
  modes text[] not null default '{}',
  description text
);

create table infrastructure (
  id bigint primary key references coop_record (id) on delete cascade,
  name text not null,
  type text not null check (type in ('railway', 'road', 'hub', 'port', 'pipeline', 'power', 'other')),
  corridor_id bigint references corridor (id),
  length_km numeric check (length_km > 0),
  cost numeric check (cost >= 0),
  currency char(3),
  stage text not null check (stage in ('proposed', 'planned', 'design', 'under_construction', 'completed', 'operating', 'suspended')),
  -- A GeoJSON geometry (Point or LineString, longitude first) where known.
  geometry jsonb,
  started_on date,
  completed_on date,
  check ((cost is null) = (currency is null))
);

create table checkpoint (
  id bigint primary key references coop_record (id) on delete cascade,
  name_a text not null,
  country_a char(2) not null,
  name_b text,
  country_b char(2) not null,
  mode text not null check (mode in ('road', 'rail', 'air', 'river', 'pedestrian')),
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  locode_a text check (locode_a ~ '^[A-Z]{2} ?[A-Z2-9]{3}$'),
  locode_b text check (locode_b ~ '^[A-Z]{2} ?[A-Z2-9]{3}$'),
  stage text not null check (stage in ('operating', 'modernization_planned', 'under_modernization', 'modernized', 'planned', 'closed')),
  capacity_vehicles_per_day integer check (capacity_vehicles_per_day >= 0),
  corridor_id bigint references corridor (id)
);

-- What is measured at a checkpoint over a period: cargo, vehicles, the time a crossing takes.
create table checkpoint_observation (
  id bigint primary key references coop_record (id) on delete cascade,
  checkpoint_id bigint not null references checkpoint (id),
  period_from char(7) not null check (period_from ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  period_to char(7) not null check (period_to ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  direction text not null default 'both' check (direction in ('both', 'a_to_b', 'b_to_a')),
  cargo_tonnes numeric check (cargo_tonnes >= 0),
  vehicles integer check (vehicles >= 0),
  crossing_hours numeric check (crossing_hours >= 0),
  check (period_to >= period_from)
);
create index checkpoint_observation_idx on checkpoint_observation (checkpoint_id, period_from);

-- Links between records beyond the structural ones above: a project discussed at a meeting, a
-- commitment about a checkpoint, a railway in a roadmap.
create table coop_link (
  from_id bigint not null references coop_record (id) on delete cascade,
  to_id bigint not null references coop_record (id) on delete cascade,
  relation text not null check (relation in ('discussed_at', 'agreed_in', 'part_of', 'concerns', 'related')),
  primary key (from_id, to_id, relation),
  check (from_id <> to_id)
);
create index coop_link_to_idx on coop_link (to_id);

-- Where a record's data was stated: an accepted fact of a stored document, or a citation (title,
-- publisher, date, URL) entered as data.
create table coop_source (
  id bigint generated always as identity primary key,
  record_id bigint not null references coop_record (id) on delete cascade,
  fact_id bigint references fact (id) on delete cascade,
  citation jsonb,
  added_at timestamptz not null default now(),
  check ((fact_id is null) <> (citation is null))
);
create unique index coop_source_fact_idx on coop_source (record_id, fact_id) where fact_id is not null;
create unique index coop_source_citation_idx on coop_source (record_id, md5(citation::text)) where citation is not null;

-- Every write of a record: who, when, and the record before and after.
create table coop_history (
  id bigint generated always as identity primary key,
  record_id bigint not null references coop_record (id) on delete cascade,
  version integer not null,
  action text not null check (action in ('create', 'update', 'delete', 'restore')),
  actor text not null,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
create index coop_history_record_idx on coop_history (record_id, id);
