-- Writes that no capability's own history keeps: targets and reported figures of the trade monitor,
-- documents stored, accounts and tokens. Records, producers and fact decisions have their histories; these had none, so a
-- changed figure or a granted role could not be traced to a person. One row per write: who, when, what,
-- before and after (never a password or a token).

-- Events of data: they travel with an export.
create table audit_event (
  id bigint generated always as identity primary key,
  entity text not null check (entity in ('target', 'reported', 'document')),
  entity_id bigint not null,
  -- The entity's version after the write (targets); 1 for entities without versions.
  version integer not null default 1,
  action text not null check (action in ('create', 'update', 'delete', 'restore', 'add_source')),
  actor text,
  changed_at timestamptz not null default clock_timestamp(),
  before jsonb,
  after jsonb
);
create index audit_event_entity_idx on audit_event (entity, entity_id, version);

-- Events of accounts and tokens: they stay with the installation, as the accounts do.
create table account_event (
  id bigint generated always as identity primary key,
  entity text not null check (entity in ('user', 'token')),
  entity_id bigint not null,
  version integer not null default 1,
  action text not null check (action in ('create', 'update', 'revoke')),
  actor text,
  changed_at timestamptz not null default clock_timestamp(),
  before jsonb,
  after jsonb
);
create index account_event_entity_idx on account_event (entity, entity_id);

-- A deleted target stays, out of every list, so that an admin can restore it.
alter table trade_target add column deleted_at timestamptz;

-- A producer can be written back as it was at an earlier version, deleted or not.
alter table producer_history drop constraint producer_history_action_check;
alter table producer_history add constraint producer_history_action_check
  check (action in ('create', 'update', 'delete', 'merge', 'restore'));

-- pg_trgm declares its similarity functions as cheap as an addition (cost 1), so the planner would rather
-- compare every title of the nomenclature (120 ms) than read the title index (8 ms). Their cost as
-- measured is about a hundred times that. A database whose pg_trgm belongs to another role keeps the
-- defaults: the search is then slower, not wrong.
do $$
begin
  alter function similarity(text, text) cost 100;
  alter function similarity_op(text, text) cost 100;
  alter function word_similarity(text, text) cost 100;
  alter function word_similarity_op(text, text) cost 100;
  alter function word_similarity_commutator_op(text, text) cost 100;
exception when insufficient_privilege then
  raise notice 'pg_trgm functions keep their default cost: the migration does not own them';
end
$$;
