-- Official trade statistics: one row per reporter, partner, flow, commodity (HS code or TOTAL) and period,
-- partitioned by year (the largest table of the system). Annual rows have month 0.
create table trade_official (
  dataset text not null,
  reporter char(2) not null,
  partner char(2) not null,
  flow text not null check (flow in ('X', 'M', 'RX', 'RM')),
  cmd text not null check (cmd = 'TOTAL' or cmd ~ '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$'),
  year smallint not null check (year between 1950 and 2100),
  month smallint not null check (month between 0 and 12),
  value numeric not null check (value >= 0),
  currency char(3) not null default 'USD',
  source_line integer,
  primary key (dataset, reporter, partner, flow, cmd, year, month)
) partition by range (year);

create table trade_official_y1950 partition of trade_official for values from (1950) to (2000);
create table trade_official_y2000 partition of trade_official for values from (2000) to (2010);
create table trade_official_y2010 partition of trade_official for values from (2010) to (2020);
create table trade_official_y2020 partition of trade_official for values from (2020) to (2030);
create table trade_official_y2030 partition of trade_official for values from (2030) to (2101);

-- Totals per reporter, partner, flow and period, maintained by every import so that summaries never scan
-- the detail: the TOTAL row when the dataset has one, else the sum of one level of HS detail.
create table trade_official_total (
  dataset text not null,
  reporter char(2) not null,
  partner char(2) not null,
  flow text not null,
  year smallint not null,
  month smallint not null,
  value numeric not null,
  basis text not null check (basis in ('TOTAL', 'HS2', 'HS4', 'HS6')),
  primary key (dataset, reporter, partner, flow, year, month)
);
create index trade_official_total_pair_idx on trade_official_total (reporter, partner, year);

-- HS chapters per reporter, partner, flow and year (from HS detail), for "top chapters" of a pair.
create table trade_official_chapter (
  dataset text not null,
  reporter char(2) not null,
  partner char(2) not null,
  flow text not null,
  year smallint not null,
  chapter char(2) not null,
  value numeric not null,
  primary key (dataset, reporter, partner, flow, year, chapter)
);
create index trade_official_chapter_pair_idx on trade_official_chapter (reporter, partner, year);
