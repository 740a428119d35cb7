// A deterministic synthetic registry in the layout of producers.md, for tests and benchmarks: company names
// made of the region's word-parts, written as registered (Cyrillic or Latin by country) with English and
// Russian spellings, real cities with their spellings, HS codes that fit the industry, valid national
// identifiers (check digits computed), and a few near-duplicates (same website, another spelling).
import { random } from '../lib/index.js';
import { checkNationalId } from './national-id.js';
import { PRODUCER_COLUMNS } from './validate.js';

interface Place {
  en: string;
  ru: string;
  local: string;
  region: string;
}

// Cities of each country with their spellings: English, Russian, and the national language's.
const PLACES: Readonly<Record<string, readonly Place[]>> = {
  KZ: [
    { en: 'Almaty', ru: 'Алматы', local: 'Алматы', region: 'Almaty' },
    { en: 'Astana', ru: 'Астана', local: 'Астана', region: 'Astana' },
    { en: 'Shymkent', ru: 'Шымкент', local: 'Шымкент', region: 'Shymkent' },
    { en: 'Karaganda', ru: 'Караганда', local: 'Қарағанды', region: 'Karaganda Region' },
    { en: 'Aktobe', ru: 'Актобе', local: 'Ақтөбе', region: 'Aktobe Region' },
    { en: 'Pavlodar', ru: 'Павлодар', local: 'Павлодар', region: 'Pavlodar Region' },
    { en: 'Ust-Kamenogorsk', ru: 'Усть-Каменогорск', local: 'Өскемен', region: 'East Kazakhstan Region' },
    { en: 'Kostanay', ru: 'Костанай', local: 'Қостанай', region: 'Kostanay Region' },
    { en: 'Taraz', ru: 'Тараз', local: 'Тараз', region: 'Jambyl Region' },
    { en: 'Atyrau', ru: 'Атырау', local: 'Атырау', region: 'Atyrau Region' },
  ],
  UZ: [
    { en: 'Tashkent', ru: 'Ташкент', local: 'Toshkent', region: 'Tashkent' },
    { en: 'Samarkand', ru: 'Самарканд', local: 'Samarqand', region: 'Samarkand Region' },
    { en: 'Fergana', ru: 'Фергана', local: "Farg'ona", region: 'Fergana Region' },
    { en: 'Namangan', ru: 'Наманган', local: 'Namangan', region: 'Namangan Region' },
    { en: 'Andijan', ru: 'Андижан', local: 'Andijon', region: 'Andijan Region' },
    { en: 'Bukhara', ru: 'Бухара', local: 'Buxoro', region: 'Bukhara Region' },
    { en: 'Chirchiq', ru: 'Чирчик', local: 'Chirchiq', region: 'Tashkent Region' },
    { en: 'Navoi', ru: 'Навои', local: 'Navoiy', region: 'Navoiy Region' },
    { en: 'Nukus', ru: 'Нукус', local: 'Nukus', region: 'Karakalpakstan' },
  ],
  KG: [
    { en: 'Bishkek', ru: 'Бишкек', local: 'Бишкек', region: 'Bishkek' },
    { en: 'Osh', ru: 'Ош', local: 'Ош', region: 'Osh' },
    { en: 'Karakol', ru: 'Каракол', local: 'Каракол', region: 'Issyk-Kul Region' },
    { en: 'Jalal-Abad', ru: 'Джалал-Абад', local: 'Жалал-Абад', region: 'Jalal-Abad Region' },
  ],
  TJ: [
    { en: 'Dushanbe', ru: 'Душанбе', local: 'Душанбе', region: 'Dushanbe' },
    { en: 'Khujand', ru: 'Худжанд', local: 'Хуҷанд', region: 'Sughd Region' },
    { en: 'Bokhtar', ru: 'Бохтар', local: 'Бохтар', region: 'Khatlon Region' },
  ],
  TM: [
    { en: 'Ashgabat', ru: 'Ашхабад', local: 'Aşgabat', region: 'Ashgabat' },
    { en: 'Turkmenabat', ru: 'Туркменабад', local: 'Türkmenabat', region: 'Lebap Region' },
    { en: 'Mary', ru: 'Мары', local: 'Mary', region: 'Mary Region' },
  ],
  RU: [
    { en: 'Novosibirsk', ru: 'Новосибирск', local: 'Новосибирск', region: 'Novosibirsk Oblast' },
    { en: 'Chelyabinsk', ru: 'Челябинск', local: 'Челябинск', region: 'Chelyabinsk Oblast' },
    { en: 'Omsk', ru: 'Омск', local: 'Омск', region: 'Omsk Oblast' },
    { en: 'Yekaterinburg', ru: 'Екатеринбург', local: 'Екатеринбург', region: 'Sverdlovsk Oblast' },
  ],
  BY: [
    { en: 'Minsk', ru: 'Минск', local: 'Мінск', region: 'Minsk' },
    { en: 'Gomel', ru: 'Гомель', local: 'Гомель', region: 'Gomel Region' },
    { en: 'Vitebsk', ru: 'Витебск', local: 'Віцебск', region: 'Vitebsk Region' },
  ],
};

const COUNTRY_WEIGHTS: readonly [string, number][] = [
  ['KZ', 0.3],
  ['UZ', 0.27],
  ['KG', 0.1],
  ['TJ', 0.08],
  ['TM', 0.05],
  ['RU', 0.13],
  ['BY', 0.07],
];

// Legal forms as registered (local) and in English.
const FORMS: Readonly<Record<string, readonly [string, string][]>> = {
  KZ: [
    ['ТОО', 'LLP'],
    ['АО', 'JSC'],
  ],
  UZ: [
    ['MChJ', 'LLC'],
    ['AJ', 'JSC'],
  ],
  KG: [
    ['ОсОО', 'LLC'],
    ['ОАО', 'OJSC'],
  ],
  TJ: [
    ['ҶДММ', 'LLC'],
    ['ОАО', 'OJSC'],
  ],
  TM: [['HJ', 'Economic Society']],
  RU: [
    ['ООО', 'LLC'],
    ['АО', 'JSC'],
  ],
  BY: [
    ['ООО', 'LLC'],
    ['ОАО', 'OJSC'],
  ],
};

interface Industry {
  hs: readonly string[];
  /** A word-part of the brand (Cyrillic), and what the company says it makes (English). */
  part: string;
  products: string;
  ru: string;
  unit: string;
}

const INDUSTRIES: readonly Industry[] = [
  {
    hs: ['7403', '740311'],
    part: 'мед',
    products: 'copper cathodes, copper wire rod',
    ru: 'медный катод',
    unit: 'tonnes',
  },
  { hs: ['7601'], part: 'алюм', products: 'primary aluminium ingots', ru: 'алюминий', unit: 'tonnes' },
  { hs: ['7901'], part: 'цинк', products: 'refined zinc', ru: 'цинк', unit: 'tonnes' },
  {
    hs: ['7213', '7214'],
    part: 'темир',
    products: 'steel rebar and wire rod',
    ru: 'арматура',
    unit: 'tonnes',
  },
  { hs: ['7202'], part: 'хром', products: 'ferrochrome and ferroalloys', ru: 'ферросплавы', unit: 'tonnes' },
  { hs: ['2523'], part: 'цемент', products: 'Portland cement and clinker', ru: 'цемент', unit: 'tonnes' },
  { hs: ['1101', '1001'], part: 'нан', products: 'wheat flour, grain', ru: 'мука пшеничная', unit: 'tonnes' },
  { hs: ['1902'], part: 'макарон', products: 'pasta and noodles', ru: 'макаронные изделия', unit: 'tonnes' },
  {
    hs: ['5205', '5201'],
    part: 'мақта',
    products: 'cotton yarn, cotton fibre',
    ru: 'хлопковая пряжа',
    unit: 'tonnes',
  },
  {
    hs: ['6109', '6203'],
    part: 'текс',
    products: 'knitted garments, trousers',
    ru: 'трикотаж',
    unit: 'pieces',
  },
  {
    hs: ['0806', '0813'],
    part: 'мева',
    products: 'grapes, raisins, dried apricots',
    ru: 'сухофрукты',
    unit: 'tonnes',
  },
  {
    hs: ['0401', '0406'],
    part: 'сүт',
    products: 'milk, cheese and dairy products',
    ru: 'молочная продукция',
    unit: 'tonnes',
  },
  { hs: ['0201', '0204'], part: 'ет', products: 'beef and lamb', ru: 'мясо', unit: 'tonnes' },
  { hs: ['1512'], part: 'май', products: 'sunflower oil', ru: 'подсолнечное масло', unit: 'tonnes' },
  {
    hs: ['1806', '1704'],
    part: 'тәтті',
    products: 'chocolate and confectionery',
    ru: 'кондитерские изделия',
    unit: 'tonnes',
  },
  {
    hs: ['3102'],
    part: 'азот',
    products: 'nitrogen fertilizers, urea',
    ru: 'азотные удобрения',
    unit: 'tonnes',
  },
  {
    hs: ['3901', '3902'],
    part: 'полимер',
    products: 'polyethylene and polypropylene',
    ru: 'полимеры',
    unit: 'tonnes',
  },
  { hs: ['8504'], part: 'электр', products: 'power transformers', ru: 'трансформаторы', unit: 'units' },
  { hs: ['8544'], part: 'кабель', products: 'power cables and wires', ru: 'кабельная продукция', unit: 'km' },
  { hs: ['9403'], part: 'мебель', products: 'office and home furniture', ru: 'мебель', unit: 'pieces' },
  { hs: ['2202'], part: 'су', products: 'mineral water and soft drinks', ru: 'напитки', unit: 'litres' },
  {
    hs: ['6907'],
    part: 'керамик',
    products: 'ceramic tiles',
    ru: 'керамическая плитка',
    unit: 'square metres',
  },
  { hs: ['4011'], part: 'шина', products: 'tyres for cars and trucks', ru: 'шины', unit: 'pieces' },
  {
    hs: ['3004'],
    part: 'фарм',
    products: 'medicines in doses',
    ru: 'лекарственные препараты',
    unit: 'packs',
  },
];

const PARTS = [
  'ал',
  'тын',
  'кен',
  'жол',
  'нур',
  'сер',
  'ак',
  'кара',
  'сары',
  'тау',
  'дала',
  'бек',
  'жан',
  'ай',
  'күн',
  'ер',
  'тас',
  'су',
  'ор',
  'шаш',
  'ер',
  'мир',
  'сай',
  'бир',
  'ула',
  'кум',
  'ор',
  'теке',
  'кызыл',
  'жасыл',
];
const CERTIFICATIONS = ['ISO 9001', 'ISO 14001', 'HACCP', 'Halal', 'GOST R', 'ISO 45001', 'FSSC 22000'];
const MARKETS = ['RU', 'CN', 'KZ', 'UZ', 'KG', 'TJ', 'TR', 'AF', 'AZ', 'IR', 'DE', 'BY', 'MN', 'IN'];

const LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  і: 'i',
  һ: 'h',
};

/** A brand in Latin letters, the way an English-language register writes it. */
function latin(text: string): string {
  return [...text.toLowerCase()].map((c) => LATIN[c] ?? c).join('');
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function weighted(rand: () => number): string {
  let r = rand();
  for (const [c, w] of COUNTRY_WEIGHTS) {
    r -= w;
    if (r <= 0) return c;
  }
  return 'KZ';
}

/** A valid identifier for the country: random digits, the last chosen so that the check passes. */
function nationalId(rand: () => number, country: string): string {
  const length = { KZ: 12, RU: 10, BY: 9, UZ: 9, KG: 14, TJ: 9 }[country];
  if (!length) return '';
  for (;;) {
    let body = String(1 + Math.floor(rand() * 9));
    while (body.length < length - 1) body += String(Math.floor(rand() * 10));
    for (let d = 0; d <= 9; d++) if (checkNationalId(country, body + d).ok) return body + d;
  }
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const PRODUCER_HEADER = PRODUCER_COLUMNS.join(',');

/** A CSV line of producers.md's columns (PRODUCER_HEADER) from the values given; the others empty. */
export function producerCsvLine(values: Partial<Record<(typeof PRODUCER_COLUMNS)[number], string>>): string {
  return PRODUCER_COLUMNS.map((c) => csvField(values[c] ?? '')).join(',');
}

/**
 * Yields `count` producers as CSV lines of producers.md (without the header). About one in fifty repeats an
 * earlier company under another spelling with the same website: a candidate duplicate, as real registers hold.
 */
export function* generateProducerRows(count: number, seed: number): Generator<string> {
  const rand = random(seed);
  const earlier: { name: string; country: string; place: Place; website: string; industry: Industry }[] = [];
  for (let i = 0; i < count; i++) {
    const repeat =
      earlier.length > 10 && rand() < 0.02 ? earlier[Math.floor(rand() * earlier.length)]! : undefined;
    const country = repeat?.country ?? weighted(rand);
    const place = repeat?.place ?? pick(rand, PLACES[country]!);
    const industry = repeat?.industry ?? pick(rand, INDUSTRIES);
    const parts = `${pick(rand, PARTS)}${pick(rand, PARTS)}${rand() < 0.4 ? pick(rand, PARTS) : ''}`;
    const brandRu = capitalize(repeat ? repeat.name : `${parts}${rand() < 0.5 ? industry.part : ''}`);
    const brandLatin = capitalize(latin(brandRu));
    const [form, formEn] = pick(rand, FORMS[country]!);
    const latinRegistered = country === 'UZ' || country === 'TM';
    // A repeat is registered again under its English spelling, in its city's other spelling.
    const registered = repeat
      ? `${brandLatin} ${formEn}`
      : latinRegistered
        ? `"${brandLatin}" ${form}`
        : `${form} «${brandRu}»`;
    const website =
      repeat?.website ?? `https://${latin(brandRu).replace(/[^a-z]/g, '')}${i}.${country.toLowerCase()}`;
    const markets = [
      ...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, MARKETS))),
    ].filter((m) => m !== country);
    const certs = [
      ...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(rand, CERTIFICATIONS))),
    ];
    const capacity = `${(1 + Math.floor(rand() * 500)) * 10} thousand ${industry.unit} per year`;
    const values: Record<string, string> = {
      name: registered,
      name_en: `${brandLatin} ${formEn}`,
      name_ru: latinRegistered ? `${form === 'AJ' ? 'АО' : 'ООО'} «${brandRu}»` : '',
      name_local: '',
      country,
      national_id: repeat || rand() < 0.3 ? '' : nationalId(rand, country),
      region: place.region,
      city: repeat ? place.ru : rand() < 0.5 ? place.en : place.local,
      address: '',
      lat: '',
      lon: '',
      website,
      email: '',
      phone: `+${7 + Math.floor(rand() * 990)} ${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
      hs_codes: industry.hs.join(';'),
      products: rand() < 0.5 ? industry.products : `${industry.ru}; ${industry.products}`,
      export_markets: markets.join(';'),
      employees: String(5 + Math.floor(rand() * 3000)),
      capacity,
      certifications: certs.join(';'),
    };
    if (!repeat) earlier.push({ name: brandRu, country, place, website, industry });
    if (earlier.length > 5000) earlier.shift();
    yield producerCsvLine(values);
  }
}
