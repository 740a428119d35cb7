// Cities of the region known by more than one name (pure): the national language's and the Russian one,
// and the Soviet name still found in registries and in what people type (Öskemen, Ust-Kamenogorsk; Kokshetau,
// Kokchetav; Bishkek, Frunze). Most spellings of one name need no entry: the place key already folds them
// (Shymkent, Шымкент; Fargʻona, Фергана); those it keeps apart do (Chimkent's ch, Uzbek's o for Russian's a
// at the start: Olmaliq, Алмалык). Written for Keruen from the cities' official names.
import { placeKey } from './normalize.js';
import { adjectiveKeyForms, searchKey } from './translit.js';

const CITIES: readonly (readonly string[])[] = [
  // Kazakhstan
  ['Öskemen', 'Ust-Kamenogorsk'],
  ['Semey', 'Semipalatinsk'],
  ['Kokshetau', 'Kokchetav'],
  ['Taraz', 'Dzhambul', 'Aulie-Ata'],
  ['Aktobe', 'Aktyubinsk'],
  ['Oral', 'Uralsk'],
  ['Atyrau', 'Guryev'],
  ['Petropavl', 'Petropavlovsk'],
  ['Almaty', 'Alma-Ata'],
  ['Astana', 'Nur-Sultan', 'Tselinograd', 'Akmola', 'Akmolinsk'],
  ['Kyzylorda', 'Kzyl-Orda'],
  ['Taldykorgan', 'Taldy-Kurgan'],
  ['Zhezkazgan', 'Dzhezkazgan'],
  ['Balkhash', 'Balqash'],
  ['Konaev', 'Kapchagay'],
  ['Turkistan', 'Turkestan'],
  ['Shymkent', 'Chimkent'],
  ['Ridder', 'Leninogorsk'],
  ['Aksu', 'Yermak'],
  ['Zhanaozen', 'Novy Uzen'],
  ['Baikonur', 'Leninsk'],
  // Kyrgyzstan
  ['Bishkek', 'Frunze'],
  ['Karakol', 'Przhevalsk'],
  ['Balykchy', 'Rybachye'],
  // Tajikistan
  ['Khujand', 'Leninabad'],
  ['Bokhtar', 'Kurgan-Tyube'],
  ['Istaravshan', 'Ura-Tyube'],
  ['Kulob', 'Kulyab'],
  ['Panjakent', 'Penjikent'],
  ['Dushanbe', 'Stalinabad'],
  ['Tursunzoda', 'Regar'],
  ['Buston', 'Chkalovsk'],
  ['Istiqlol', 'Taboshar'],
  // Turkmenistan
  ['Türkmenbaşy', 'Krasnovodsk'],
  ['Türkmenabat', 'Chardzhou', 'Chardzhev'],
  ['Daşoguz', 'Tashauz'],
  ['Balkanabat', 'Nebit-Dag'],
  ['Aşgabat', 'Ashkhabad'],
  ['Serdar', 'Kyzyl-Arvat', 'Gyzylarbat'],
  ['Bereket', 'Kazandzhik', 'Gazanjyk'],
  ['Magdanly', 'Gaurdak'],
  // Uzbekistan
  ['Navoiy', 'Kermine'],
  ['Qarshi', 'Karshi'],
  ['Termiz', 'Termez'],
  ['Guliston', 'Gulistan'],
  ['Qoʻngʻirot', 'Kungrad'],
  ['Qoʻqon', 'Kokand'],
  ['Jizzax', 'Dzhizak'],
  ['Olmaliq', 'Almalyk'],
  ['Ohangaron', 'Akhangaran'],
  ['Oltiariq', 'Altyaryk'],
  // Belarus, in Belarusian and Russian
  ['Hrodna', 'Grodno'],
  ['Homiel', 'Gomel'],
  ['Mahilioŭ', 'Mogilev'],
  ['Viciebsk', 'Vitebsk'],
  ['Navapolack', 'Novopolotsk'],
  ['Babrujsk', 'Bobruisk'],
  ['Salihorsk', 'Soligorsk'],
  ['Svietlahorsk', 'Svetlogorsk'],
  ['Barysaŭ', 'Borisov'],
  ['Orsha', 'Vorsha'],
  ['Navahrudak', 'Novogrudok'],
  ['Maladziečna', 'Molodechno'],
  // Russia: the Soviet names
  ['Yekaterinburg', 'Sverdlovsk'],
  ['Saint Petersburg', 'Leningrad'],
  ['Nizhny Novgorod', 'Gorky'],
  ['Samara', 'Kuybyshev'],
  ['Volgograd', 'Stalingrad'],
  ['Tver', 'Kalinin'],
  // The Caucasus
  ['Gyumri', 'Leninakan'],
  ['Vanadzor', 'Kirovakan'],
  ['Hrazdan', 'Razdan'],
  ['Ganja', 'Kirovabad'],
  ['Sumqayıt', 'Sumgait'],
];

const BY_KEY = new Map<string, string[]>();
for (const names of CITIES) {
  const keys = [...new Set(names.map(placeKey))];
  for (const key of keys) BY_KEY.set(key, keys);
}

/** The place keys of a place's other names (placeKey), or none when the place has one name only. */
export function otherPlaceNames(key: string): string[] {
  return (BY_KEY.get(key) ?? []).filter((k) => k !== key);
}

/**
 * A place key with its other spellings and other names: Russian writes дж where Uzbek, Kazakh and English
 * write j (Худжанд, Khujand; Гянджа, Ganja; Джалал-Абад, Jalal-Abad), and the key keeps the Cyrillic
 * letters one by one (dj) where it folds Latin dj, dzh to j.
 */
export function placeForms(key: string): string[] {
  const spellings = [key, key.replace(/dj/g, 'j'), key.replace(/(?<!d)j/g, 'dj')];
  return [...new Set(spellings.flatMap((k) => [k, ...otherPlaceNames(k)]))];
}

/**
 * The words a company's name may use for a city the search-key word names, in its other names: the names
 * themselves and their Russian adjectives (Öskemen: Усть-Каменогорский, -ая, -ое; Frunze for Bishkek:
 * Фрунзенский), as search-key words. None for a city of one name (its adjective is read as such).
 */
export function otherPlaceWords(word: string): string[] {
  const others = (BY_NAME_WORD.get(word) ?? []).filter((n) => !n.split(' ').includes(word));
  return [...new Set(others.flatMap((name) => [name.split(' ').at(-1)!, ...russianAdjectives(name)]))].filter(
    (w) => w.length >= 4,
  );
}

// By the search key of a name of one word (not by the place key: its consonants alone, kkn, are Qoʻqon's and
// also coking's).
const BY_NAME_WORD = new Map<string, string[]>();
for (const names of CITIES)
  for (const name of names.map((n) => searchKey(n)))
    if (!name.includes(' '))
      BY_NAME_WORD.set(
        name,
        names.map((n) => searchKey(n)),
      );

/** A city's Russian adjective in its forms, as search-key words (of the name's last word). */
function russianAdjectives(name: string): string[] {
  const last = name.split(' ').at(-1)!;
  if (last.length < 4) return [];
  const stem = last.endsWith('sk') ? last : /[aeiouy]$/.test(last) ? `${last.slice(0, -1)}insk` : `${last}sk`;
  return adjectiveKeyForms(stem);
}
