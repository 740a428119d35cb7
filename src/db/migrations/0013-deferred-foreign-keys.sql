-- A bulk load also sets aside the foreign keys of the tables it fills: each row of a key is checked by a
-- trigger of its own, which at a million producers cost more than writing the rows (their names, sources
-- and history each point to the producer). The key is added back at the load's end, checked in one pass
-- over the table, as pg_restore does.
alter table deferred_index add column kind text not null default 'index' check (kind in ('index', 'foreign_key'));
