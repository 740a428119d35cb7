// Cities of the region known by more than one name (pure): the national language's and the Russian one,
// and the Soviet name still found in registries and in what people type (Öskemen, Ust-Kamenogorsk; Kokshetau,
// Kokchetav; Bishkek, Frunze). Spellings of one name need no entry: the place key already folds them
// (Shymkent, Шымкент, Chimkent). Written for Keruen from the cities' official names.
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
  // Kyrgyzstan
  ['Bishkek', 'Frunze'],
  ['Karakol', 'Przhevalsk'],
  // Tajikistan
  ['Khujand', 'Leninabad'],
  ['Bokhtar', 'Kurgan-Tyube'],
  ['Istaravshan', 'Ura-Tyube'],
  ['Kulob', 'Kulyab'],
  ['Panjakent', 'Penjikent'],
  // Turkmenistan
  ['Türkmenbaşy', 'Krasnovodsk'],
  ['Türkmenabat', 'Chardzhou', 'Chardzhev'],
  ['Daşoguz', 'Tashauz'],
  ['Balkanabat', 'Nebit-Dag'],
  // Uzbekistan
  ['Navoiy', 'Kermine'],
  ['Qarshi', 'Karshi'],
  ['Termiz', 'Termez'],
  ['Guliston', 'Gulistan'],
  // Belarus, in Belarusian and Russian
  ['Hrodna', 'Grodno'],
  ['Homiel', 'Gomel'],
  ['Mahilioŭ', 'Mogilev'],
  ['Viciebsk', 'Vitebsk'],
  ['Navapolack', 'Novopolotsk'],
  ['Babrujsk', 'Bobruisk'],
  ['Salihorsk', 'Soligorsk'],
  ['Svietlahorsk', 'Svetlogorsk'],
  // The Caucasus
  ['Gyumri', 'Leninakan'],
  ['Vanadzor', 'Kirovakan'],
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
