-- Documents read into facts, and the review of those facts.
create table document (
  id bigint generated always as identity primary key,
  -- sha256 of the file as ingested: the same file twice is one document.
  content_hash text not null unique,
  external_id text not null,
  title text,
  url text,
  publisher text,
  published date not null,
  language text,
  front_matter jsonb not null default '{}',
  body text not null,
  extractor_version text not null,
  ingested_at timestamptz not null default now()
);
create index document_published_idx on document (published desc, id desc);

create table fact (
  id bigint generated always as identity primary key,
  document_id bigint not null references document (id) on delete cascade,
  ordinal integer not null,
  kind text not null,
  -- The fact as the extractor proposed it (without span and quote), kept as it was.
  proposed jsonb not null,
  span_start integer not null,
  span_end integer not null,
  quote text not null,
  confidence real not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  -- The reviewer's version when they edited it; `proposed` keeps the original.
  edited jsonb,
  decided_by text,
  decided_at timestamptz,
  reason text,
  -- Set when an accepted fact has become a record (a trade observation, a target, ...).
  applied_at timestamptz,
  version integer not null default 1,
  unique (document_id, ordinal),
  check (span_start >= 0 and span_end >= span_start)
);
create index fact_review_idx on fact (status, kind, id);
create index fact_document_idx on fact (document_id, ordinal);
