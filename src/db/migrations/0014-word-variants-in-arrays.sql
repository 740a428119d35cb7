-- A word's variants with one letter left out (migration 0010) move from a table of their own, a row per
-- variant, into an array beside the word, found through a GIN index. A large import wrote 2.6 million
-- variant rows at a million producers, each into a B-tree in no useful order (a fifth of the import's
-- database time); the array is written with its word, and the index is built once at the end of a load.
alter table producer_name_word add column variants text[] not null default '{}';
alter table producer_product_word add column variants text[] not null default '{}';
update producer_name_word set variants = array(
  select distinct left(word, i - 1) || substr(word, i + 1) from generate_series(1, length(word)) i order by 1
) where length(word) >= 4;
update producer_product_word set variants = array(
  select distinct left(word, i - 1) || substr(word, i + 1) from generate_series(1, length(word)) i order by 1
) where length(word) >= 4;
-- Searches read these indexes at every query and words are added rarely: entries go straight in.
create index producer_name_word_variants_idx on producer_name_word using gin (variants) with (fastupdate = off);
create index producer_product_word_variants_idx on producer_product_word using gin (variants) with (fastupdate = off);
drop table producer_name_word_variant;
drop table producer_product_word_variant;
analyze producer_name_word, producer_product_word;
