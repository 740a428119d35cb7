-- Producer search by words. Trigram indexes over whole name and product keys answer a query by reading the
-- posting lists of its word-parts, which a million names share by the hundred thousand. The registry's
-- vocabulary is small: a query's words, typos and other spellings included, are matched against it first
-- (as they are, within one typo, by consonant skeleton, by prefix; by trigrams when none of those finds
-- a word), and the producers are then found by those exact words.
create table producer_name_word (
  word text collate "C" primary key,
  -- The word without the vowels after its first letter (as translit.ts's skeleton()).
  skeleton text collate "C" not null
);
create index producer_name_word_trgm_idx on producer_name_word using gin (word gin_trgm_ops);
create index producer_name_word_skeleton_idx on producer_name_word (skeleton);
-- Each word of four letters or more with one letter left out: a word within one typo of a query's word
-- (a letter missing, extra, wrong, or two swapped) shares one of these with it, found by equality.
create table producer_name_word_variant (
  variant text collate "C" not null,
  word text collate "C" not null,
  primary key (variant, word)
);
-- The same of the products' words (tables of their own: a query's words are looked up in one or the other).
create table producer_product_word (like producer_name_word including all);
create table producer_product_word_variant (like producer_name_word_variant including all);

-- Words of one or two letters are not looked up; a word that no producer holds any more stays, harmless.
insert into producer_name_word (word, skeleton)
select distinct w, left(w, 1) || translate(substr(w, 2), 'aeiou', '')
from producer p, unnest(string_to_array(p.names_key, ' ')) w
where length(w) >= 3;
insert into producer_product_word (word, skeleton)
select distinct w, left(w, 1) || translate(substr(w, 2), 'aeiou', '')
from producer p, unnest(string_to_array(p.products_key, ' ')) w
where length(w) >= 3;
insert into producer_name_word_variant (variant, word)
select distinct left(word, i - 1) || substr(word, i + 1), word
from producer_name_word, generate_series(1, length(word)) i
where length(word) >= 4;
insert into producer_product_word_variant (variant, word)
select distinct left(word, i - 1) || substr(word, i + 1), word
from producer_product_word, generate_series(1, length(word)) i
where length(word) >= 4;
analyze producer_name_word, producer_product_word, producer_name_word_variant, producer_product_word_variant;

create index producer_names_words_idx on producer using gin (to_tsvector('simple', names_key));
create index producer_products_words_idx on producer using gin (to_tsvector('simple', products_key));

-- Their trigram indexes served only the search, which reads the words now. The names keep theirs:
-- candidate duplicates are names similar as a whole.
drop index producer_skeleton_trgm_idx;
drop index producer_products_trgm_idx;

-- The nomenclature's titles by word: a query is compared with the titles holding one of its words, not
-- with every title whose trigrams it shares ("ent" of "cement" is in most of them).
create index hs_code_title_words_idx on hs_code using gin (to_tsvector('simple', coalesce(description, title)));
