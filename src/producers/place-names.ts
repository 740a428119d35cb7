// Cities of the region known by more than one name (pure): the national language's and the Russian one,
// and the Soviet name still found in registries and in what people type (Öskemen, Ust-Kamenogorsk; Kokshetau,
// Kokchetav; Bishkek, Frunze). Most spellings of one name need no entry: the place key already folds them
// (Shymkent, Шымкент; Fargʻona, Фергана); those it keeps apart do (Chimkent's ch, Uzbek's o for Russian's a
// at the start: Olmaliq, Алмалык). Written for Keruen from the cities' official names.
import { placeKey } from './normalize.js';

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
