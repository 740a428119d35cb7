-- Official rows keyed by one packed integer, period before commodity: an import arrives period by period, so
-- its rows land in a few places of the index instead of all over it, and the totals of a reporter–partner–
-- flow–period are read from one range of the key. Each row names the import run (file) and line it came from.

-- Each run of `keruen import trade`: the file, when, and what it did.
create table trade_import (
  id integer generated always as identity primary key,
  dataset text not null,
  file text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  rows_read integer,
  imported integer,
  updated integer,
  unchanged integer,
  rejected integer
);

-- The statistics a row belongs to ("UN Comtrade", "official"), by a small number in the big table.
create table trade_dataset (
  id smallint generated always as identity primary key,
  name text not null unique
);

-- A row's key packed into one integer, in the order reporter, partner, flow, year, month, commodity:
-- comparing one bigint is several times cheaper than comparing six text and number columns, in the sort
-- of an import's rows and in every step down the index. The commodity takes the low 22 bits (its level
-- — 0 TOTAL, 1 HS2, 2 HS4, 3 HS6 — then its digits), so that all the rows of a reporter–partner–flow–
-- period lie in one range [trade_key(…, 'TOTAL'), trade_key(…, 'TOTAL') + 4194303], a level in one
-- quarter of it.
create function trade_key(reporter char(2), partner char(2), flow text, year smallint, month smallint, cmd text)
returns bigint language sql immutable parallel safe
return ((((((ascii(substr(reporter, 1, 1)) - 65) * 26 + ascii(substr(reporter, 2, 1)) - 65)::bigint * 676
          + (ascii(substr(partner, 1, 1)) - 65) * 26 + ascii(substr(partner, 2, 1)) - 65) * 4
          + case flow when 'X' then 0 when 'M' then 1 when 'RX' then 2 else 3 end) * 256 + (year - 1950)) * 16
          + month) * 4194304
       + case when cmd = 'TOTAL' then 0 else (length(cmd) / 2) * 1048576 + cmd::int end;

create table trade_official_next (
  -- The dataset, the codes and the key are checked by the import, the only writer: a foreign key's trigger
  -- or a regular expression per row here would cost more than the rest of the row's insert together.
  dataset_id smallint not null,
  reporter char(2) not null,
  partner char(2) not null,
  flow text not null check (flow in ('X', 'M', 'RX', 'RM')),
  year smallint not null check (year between 1950 and 2100),
  month smallint not null check (month between 0 and 12),
  cmd text not null,
  -- trade_key(reporter, partner, flow, year, month, cmd), computed once in the import's stage.
  key bigint not null,
  value numeric not null check (value >= 0),
  currency char(3) not null default 'USD',
  import_id integer,
  source_line integer,
  -- The year is in the key already; a partitioned table's unique key must name it all the same.
  constraint trade_official_next_pkey primary key (dataset_id, key, year)
) partition by range (year);

create table trade_official_next_y1950 partition of trade_official_next for values from (1950) to (2000);
create table trade_official_next_y2000 partition of trade_official_next for values from (2000) to (2010);
create table trade_official_next_y2010 partition of trade_official_next for values from (2010) to (2020);
create table trade_official_next_y2020 partition of trade_official_next for values from (2020) to (2030);
create table trade_official_next_y2030 partition of trade_official_next for values from (2030) to (2101);

insert into trade_dataset (name) select distinct dataset from trade_official order by dataset;
insert into trade_official_next (dataset_id, reporter, partner, flow, year, month, cmd, key, value, currency, source_line)
select d.id, o.reporter, o.partner, o.flow, o.year, o.month, o.cmd,
       trade_key(o.reporter, o.partner, o.flow, o.year, o.month, o.cmd), o.value, o.currency, o.source_line
from trade_official o join trade_dataset d on d.name = o.dataset
order by d.id, trade_key(o.reporter, o.partner, o.flow, o.year, o.month, o.cmd);
drop table trade_official;
alter table trade_official_next rename to trade_official;
alter table trade_official rename constraint trade_official_next_pkey to trade_official_pkey;
alter table trade_official_next_y1950 rename to trade_official_y1950;
alter table trade_official_next_y2000 rename to trade_official_y2000;
alter table trade_official_next_y2010 rename to trade_official_y2010;
alter table trade_official_next_y2020 rename to trade_official_y2020;
alter table trade_official_next_y2030 rename to trade_official_y2030;

-- HS chapters per period (month 0 = the year), maintained like the totals: what a pair's "top chapters"
-- reads, a year from its annual rows when there are any, else from the sum of its months.
drop table trade_official_chapter;
-- One index, led by what every reader asks (a pair and a year); codes compare bytewise.
create table trade_official_chapter (
  dataset text not null,
  reporter char(2) collate "C" not null,
  partner char(2) collate "C" not null,
  flow text collate "C" not null,
  year smallint not null,
  month smallint not null,
  chapter char(2) collate "C" not null,
  value numeric not null,
  primary key (reporter, partner, year, month, flow, chapter, dataset)
);

insert into trade_official_chapter (dataset, reporter, partner, flow, year, month, chapter, value)
select dataset, reporter, partner, flow, year, month, left(cmd, 2), sum(value)
from (
  select d.name as dataset, o.reporter, o.partner, o.flow, o.year, o.month, o.cmd, o.value,
         min(length(o.cmd)) over (partition by o.dataset_id, o.reporter, o.partner, o.flow, o.year, o.month) as chosen
  from trade_official o join trade_dataset d on d.id = o.dataset_id
  where o.cmd <> 'TOTAL'
) d
where length(cmd) = chosen
group by dataset, reporter, partner, flow, year, month, left(cmd, 2);

-- The totals likewise: one index, led by the pair and the year.
drop index trade_official_total_pair_idx;
alter table trade_official_total drop constraint trade_official_total_pkey;
alter table trade_official_total add primary key (reporter, partner, year, month, flow, dataset);
