-- Indexes a bulk load dropped to build once at its end: a producer import larger than the registry writes
-- its rows without a dozen secondary indexes to maintain row by row. Each definition is written in the
-- transaction that drops its index, so a load stopped midway leaves it here, and the next start of
-- Keruen, or the next load, builds it.
create table deferred_index (
  name text primary key,
  table_name text not null,
  definition text not null,
  deferred_at timestamptz not null default now()
);
