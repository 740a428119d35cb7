// Every ISO 3166-1 country with its names in the eight languages of the region, built from the
// i18n-iso-countries package, plus the spellings that the region's documents and files use.
import { createRequire } from 'node:module';
import type { LocaleData } from 'i18n-iso-countries';
import isoCountries from 'i18n-iso-countries';

export const LANGUAGES = ['en', 'ru', 'kk', 'uz', 'ky', 'tg', 'tk', 'be'] as const;
export type Language = (typeof LANGUAGES)[number];

const require = createRequire(import.meta.url);
for (const lang of LANGUAGES) {
  isoCountries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`) as LocaleData);
}

// UN statistical codes (as UN Comtrade files use them) that differ from the ISO numeric code.
const M49_WHERE_DIFFERENT: Readonly<Record<string, string>> = {
  US: '842', // USA incl. Puerto Rico and US Virgin Islands in Comtrade
  FR: '251', // France incl. Monaco
  CH: '757', // Switzerland incl. Liechtenstein
  IN: '699',
  NO: '579', // Norway incl. Svalbard and Jan Mayen
  TW: '490', // "Other Asia, not elsewhere specified"
};

// Display names where the package's first name is the long official form or not the usual one.
const DISPLAY_NAMES: Readonly<Record<string, Partial<Record<Language, string>>>> = {
  CN: { en: 'China', ru: 'Китай' },
  US: { en: 'United States', ru: 'США' },
  RU: { en: 'Russia', ru: 'Россия' },
  KG: { ru: 'Кыргызстан' },
  IR: { en: 'Iran' },
  KR: { en: 'South Korea' },
  KP: { en: 'North Korea' },
  MD: { en: 'Moldova', ru: 'Молдова' },
  LA: { en: 'Laos' },
  SY: { en: 'Syria' },
  TZ: { en: 'Tanzania' },
  CZ: { en: 'Czechia' },
  MK: { en: 'North Macedonia' },
  CD: { en: 'DR Congo' },
  CG: { en: 'Congo' },
  VN: { en: 'Vietnam' },
  BO: { en: 'Bolivia' },
  VE: { en: 'Venezuela' },
};

// Other names seen in the region's documents and files.
const EXTRA_ALIASES: Readonly<Record<string, string[]>> = {
  KZ: ['Republic of Kazakhstan', 'Kazakstan', 'Qazaqstan', 'Республика Казахстан', 'Қазақстан Республикасы'],
  KG: [
    'Kyrgyz Republic',
    'Kirghizia',
    'Kirgizia',
    'Кыргызская Республика',
    'Киргизия',
    'Кыргыз Республикасы',
  ],
  UZ: ['Republic of Uzbekistan', 'Oʻzbekiston', "O'zbekiston", 'Ўзбекистон', 'Республика Узбекистан'],
  TJ: ['Republic of Tajikistan', 'Tojikiston', 'Тоҷикистон', 'Республика Таджикистан'],
  TM: ['Türkmenistan', 'Turkmenia', 'Туркмения'],
  BY: ['Republic of Belarus', 'Belorussia', 'Byelorussia', 'Белоруссия', 'Республика Беларусь'],
  RU: ['Russian Federation', 'Российская Федерация', 'Ресей'],
  AZ: ['Republic of Azerbaijan', 'Azərbaycan'],
  AM: ['Republic of Armenia'],
  CN: ["People's Republic of China", 'PRC', 'КНР'],
  TR: ['Turkey', 'Türkiye', 'Турция'],
  AF: ['Islamic Emirate of Afghanistan', 'Islamic Republic of Afghanistan'],
  MN: ['Mongolia'],
};

export interface CountryRecord {
  code: string;
  alpha3: string;
  numeric: string;
  m49: string | null;
  names: Record<Language, string>;
  aliases: string[];
}

/** Every country with its codes, names and aliases, sorted by alpha-2 code. */
export function buildCountries(): CountryRecord[] {
  const codes = Object.keys(isoCountries.getAlpha2Codes()).sort();
  return codes.map((code) => {
    const names = {} as Record<Language, string>;
    const aliases = new Set<string>(EXTRA_ALIASES[code] ?? []);
    for (const lang of LANGUAGES) {
      const all = (isoCountries.getName(code, lang, { select: 'all' }) as string[] | undefined) ?? [];
      const display = DISPLAY_NAMES[code]?.[lang] ?? all[0] ?? isoCountries.getName(code, 'en') ?? code;
      names[lang] = display;
      for (const name of all) aliases.add(name);
    }
    for (const name of Object.values(names)) aliases.delete(name);
    return {
      code,
      alpha3: isoCountries.alpha2ToAlpha3(code) ?? '',
      numeric: isoCountries.alpha2ToNumeric(code) ?? '',
      m49: M49_WHERE_DIFFERENT[code] ?? null,
      names,
      aliases: [...aliases].sort(),
    };
  });
}
