// Search keys that are the same whatever script a name is written in: Russian, Kazakh, Kyrgyz, Tajik and
// Uzbek Cyrillic; Kazakh (2021 and 2018 alphabets), Uzbek and Turkmen Latin; English spellings. Both the
// stored names and the query go through the same functions, so "Шымкентцемент" and "Shymkentcement",
// "Чирчик" and "Chirchiq", "Жамбыл", "Jambyl" and "Zhambyl" meet on one key.
//
// The key is a folded Latin spelling: every letter of every alphabet mapped to plain Latin, then the
// sounds the alphabets spell differently folded onto one spelling (қ/q/k → k, ж/j/zh/dzh → j, х/kh/x → h,
// ы/y/i/і/й → i, ў/oʻ/ö/ө → o, ц/ts/soft c → s …), doubled letters made single. The skeleton drops the vowels after each
// word's first letter, because transliterations disagree mostly on vowels (Fergana, Farg'ona, Фергана →
// frgn).

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
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
  х: 'h',
  ц: 's',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Kazakh
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
  // Uzbek (ў), Tajik (ӣ, ӯ, ҳ, ҷ), Belarusian (ў is read as Uzbek's here: the region's names need it)
  ў: 'o',
  ҳ: 'h',
  ӣ: 'i',
  ӯ: 'u',
  ҷ: 'j',
  // Ukrainian letters that turn up in company names
  є: 'e',
  ї: 'i',
  ґ: 'g',
};

// Latin letters with marks, by alphabet: Kazakh 2021 (ä ğ ı ñ ö ş ū ü) and 2018 (á ǵ ń ó ú ý), Turkmen
// (ä ç ň ö ş ü ý ž), Uzbek (oʻ gʻ are handled before), Azerbaijani and Turkish (ə ç ğ ı ö ş ü).
const LATIN: Readonly<Record<string, string>> = {
  ä: 'a',
  á: 'a',
  à: 'a',
  â: 'a',
  ə: 'a',
  ç: 'ch',
  č: 'ch',
  ğ: 'g',
  ǵ: 'g',
  ı: 'i',
  í: 'i',
  ñ: 'n',
  ń: 'n',
  ň: 'n',
  ö: 'o',
  ó: 'o',
  ş: 'sh',
  š: 'sh',
  ū: 'u',
  ü: 'u',
  ú: 'u',
  ý: 'i',
  ž: 'j',
  é: 'e',
  è: 'e',
  ë: 'e',
};

// Spellings of one sound in the Latin alphabets and transliterations, longest first. They apply to text
// written in Latin letters only: a Cyrillic name's letters map to one spelling each, so that з+х (Казхром)
// never reads as the digraph zh, nor т+ц (Шымкентцемент) as ts.
const LATIN_DIGRAPHS: Readonly<Record<string, string>> = {
  shch: 'sh',
  sch: 'sh',
  dzh: 'j',
  dj: 'j',
  zh: 'j',
  kh: 'h',
  gh: 'g',
  ts: 's',
  ck: 'k',
  ph: 'f',
};
// Single letters: q → k, x → h, w → v, y → i; c soft before e, i, y (Cement, Цемент → sement) and hard
// elsewhere (Kazzinc, Казцинк → …k); е at the start of a word often written ye (Yekaterinburg).
const LATIN_LETTERS: Readonly<Record<string, string>> = { q: 'k', x: 'h', w: 'v', y: 'i' };
const WITH_DIGRAPHS = /\bye|shch|sch|dzh|dj|zh|kh|gh|ts|ck|ph|c(?!h)|[qxwy]/g;
const LETTERS_ONLY = /\bye|c(?!h)|[qxwy]/g;

function foldLatin(text: string, digraphs: boolean): string {
  return text.replace(digraphs ? WITH_DIGRAPHS : LETTERS_ONLY, (m: string, at: number, all: string) => {
    if (m === 'ye') return 'e';
    // The second reading reads x as English and pinyin do (Maxam, Huaxin: Максам, Хуаксин), not as Uzbek.
    if (m === 'x' && !digraphs) return 'ks';
    if (m === 'c') return /[eiy]/.test(all.charAt(at + 1)) ? 's' : 'k';
    return LATIN_DIGRAPHS[m] ?? LATIN_LETTERS[m] ?? m;
  });
}

/** Marks that Uzbek Latin writes after o and g (oʻ, gʻ) in its many typed forms; apostrophes elsewhere. */
const UZBEK_MARKS = /[\u02bb\u02bc\u2018\u2019'`´]/g;

type Run = 'latin' | 'cyrillic' | 'digit' | 'space';

const LETTERS = new Map<string, [string, Run]>();

/** One character as plain Latin, with the kind of run it belongs to (worked out once per character). */
function letter(ch: string): [string, Run] {
  let known = LETTERS.get(ch);
  if (!known) {
    known = classify(ch);
    if (LETTERS.size < 10_000) LETTERS.set(ch, known);
  }
  return known;
}

function classify(ch: string): [string, Run] {
  const cyr = CYRILLIC[ch];
  if (cyr !== undefined) return [cyr, 'cyrillic'];
  if (/\p{Script=Cyrillic}/u.test(ch)) return ['', 'cyrillic'];
  const lat = LATIN[ch];
  if (lat !== undefined) return [lat, 'latin'];
  if (ch >= 'a' && ch <= 'z') return [ch, 'latin'];
  if (ch >= '0' && ch <= '9') return [ch, 'digit'];
  // Other marked Latin letters lose their marks; anything else separates words.
  const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return /^[a-z]$/.test(bare) ? [bare, 'latin'] : [' ', 'space'];
}

function runs(text: string): [string, Run][] {
  const out: [string, Run][] = [];
  for (const ch of text.normalize('NFC').toLowerCase().replace(UZBEK_MARKS, '')) {
    const [mapped, kind] = letter(ch);
    const last = out.at(-1);
    if (last && last[1] === kind) last[0] += mapped;
    else out.push([mapped, kind]);
  }
  return out;
}

/** Lowercase plain-Latin words of a text in any of the region's scripts (no folding). */
export function romanize(text: string): string {
  return runs(text)
    .map(([t]) => t)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The search key of a text: romanized, with the sounds spelled differently folded onto one spelling.
 * `digraphs: false` reads Latin letter pairs as two letters (Kazhrom as з+х, not ж): a second reading of a
 * query, for the pairs that are ambiguous in Latin.
 */
export function searchKey(text: string, options: { digraphs?: boolean } = {}): string {
  const digraphs = options.digraphs !== false;
  // Places, certifications, product words and legal forms repeat from row to row of an import.
  const cache = digraphs ? KEYS : KEYS_LETTERS_ONLY;
  const known = cache.get(text);
  if (known !== undefined) return known;
  const key = computeKey(text, digraphs);
  if (cache.size >= 20_000) cache.clear();
  cache.set(text, key);
  return key;
}

const KEYS = new Map<string, string>();
const KEYS_LETTERS_ONLY = new Map<string, string>();

function computeKey(text: string, digraphs: boolean): string {
  const key = runs(text)
    .map(([t, kind]) => (kind === 'latin' ? foldLatin(t, digraphs) : t))
    .join('');
  // Kazakh ң is written ng in Latin and in Russian spellings (Теңіз, Tengiz, Тенгиз): one n.
  return key
    .replace(/ng/g, 'n')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key without the vowels after each word's first letter: where transliterations disagree most. */
export function skeleton(key: string): string {
  return key
    .split(' ')
    .map((w) => (w.length <= 1 ? w : w[0] + w.slice(1).replace(/[aeiou]/g, '')))
    .join(' ');
}

export type Script = 'Cyrl' | 'Latn' | 'mixed' | 'none';

/** The script a name is written in (letters only): Cyrillic, Latin, both, or neither. */
export function scriptOf(text: string): Script {
  const cyr = /\p{Script=Cyrillic}/u.test(text);
  const lat = /\p{Script=Latin}/u.test(text);
  if (cyr && lat) return 'mixed';
  return cyr ? 'Cyrl' : lat ? 'Latn' : 'none';
}

// Legal forms of companies in the region's registers (Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Turkmen,
// English), dropped from the keys of company names: they say what kind of company it is, not which.
const LEGAL_FORMS = new Set(
  [
    'ТОО',
    'ЖШС',
    'АО',
    'ОАО',
    'ЗАО',
    'ПАО',
    'ООО',
    'ОсОО',
    'ЧП',
    'ИП',
    'ГУП',
    'РГП',
    'ГП',
    'ГК',
    'СП',
    'НАК',
    'ТНК',
    'ОАХК',
    'ҶДММ',
    'ҶСК',
    'УП',
    'КХ',
    'MChJ',
    'AJ',
    'QK',
    'XK',
    'HJ',
    'LLP',
    'LLC',
    'JSC',
    'OJSC',
    'CJSC',
    'PJSC',
    'Ltd',
    'Inc',
    'GmbH',
    'PLC',
    'JV',
    'FE',
    'МЧЖ',
    'АЖ',
  ].map((f) => searchKey(f)),
);

// Words that most company names share and that do not tell one company from another.
const GENERIC_WORDS = new Set(
  [
    'завод',
    'зауыты',
    'zavod',
    'zavodi',
    'plant',
    'factory',
    'фабрика',
    'комбинат',
    'kombinati',
    'компания',
    'kompaniyasi',
    'company',
    'корпорация',
    'corporation',
    'group',
    'холдинг',
    'holding',
    'национальная',
    'national',
    'общество',
    'товарищество',
    'ограниченной',
    'ответственностью',
    'limited',
    'liability',
    'joint',
    'stock',
    'акционерное',
    'государственное',
    'state',
    'enterprise',
    'предприятие',
    'республиканское',
    'the',
    'and',
    'of',
  ].map((w) => searchKey(w)),
);

/** The key of a company name: its search key without the legal form (ТОО, АО, LLP, MChJ …). */
export function companyKey(name: string, options: { digraphs?: boolean } = {}): string {
  return searchKey(name, options)
    .split(' ')
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}

/** The words of three letters of a key that are not legal forms or generic words (Ene Sut, Ak Su Ken). */
export function shortWords(key: string): string[] {
  return [
    ...new Set(key.split(' ').filter((w) => w.length === 3 && !LEGAL_FORMS.has(w) && !GENERIC_WORDS.has(w))),
  ];
}

/** The words of a key that can tell companies apart: not legal forms or generic words, four letters or more. */
export function distinctiveWords(key: string): string[] {
  return [
    ...new Set(key.split(' ').filter((w) => w.length >= 4 && !LEGAL_FORMS.has(w) && !GENERIC_WORDS.has(w))),
  ];
}

/**
 * The stem of a word of a search key in the form of a Russian adjective of place (Сейдинский, Atyrauskiy,
 * Ulbinsky: -ский, -ская, -ское … and their Latin spellings), or null: names are stored under the place's
 * own name (Seýdi, Atyrau) as often as under the adjective. At least four letters are left.
 */
export function adjectiveStem(word: string): string | null {
  const m = /^(.{4,}?)sk(?:ii|i|aia|aa|oe|ie|ogo|oi|ih|im)$/.exec(word);
  return m ? m[1]! : null;
}

/**
 * The Russian adjective (-ский) an English adjective of place in -ian stands for, as a word of a search key
 * (Belarusian, Белорусский; Siberian, Сибирский; Mongolian, Монгольский), or null. The vowels that Russian
 * writes otherwise (belarus-, belorus-) are left to the typo a near word allows.
 */
export function russianAdjective(word: string): string | null {
  const m = /^(.{4,})ian$/.exec(word);
  return m ? searchKey(`${m[1]}skii`) : null;
}

// Nationalities, as joint ventures and national companies name themselves (Таджикско-китайская …, Uz-Kor,
// Kazakh-British …): the words a query may hold for one (English, the nation's own, Russian), and its Russian
// adjectives in -кий (Russian names write the adjective, in the gender of the noun or joined by -о-).
const NATIONALITIES: readonly { words: readonly string[]; adjectives: readonly string[] }[] = [
  {
    words: ['kazakh', 'kazakhstan', 'qazaqstan', 'қазақ', 'qazaq', 'казах', 'казахстан'],
    adjectives: ['казахский', 'казахстанский'],
  },
  {
    words: ['uzbek', 'oʻzbek', 'ўзбек', 'узбек', 'uzbekistan', 'oʻzbekiston', 'узбекистан'],
    adjectives: ['узбекский'],
  },
  {
    words: ['kyrgyz', 'kirghiz', 'кыргыз', 'kyrgyzstan', 'кыргызстан'],
    adjectives: ['кыргызский', 'киргизский'],
  },
  {
    words: ['tajik', 'tojik', 'тоҷик', 'таджик', 'tajikistan', 'тоҷикистон', 'таджикистан'],
    adjectives: ['таджикский'],
  },
  {
    words: ['turkmen', 'türkmen', 'туркмен', 'turkmenistan', 'türkmenistan', 'туркменистан'],
    adjectives: ['туркменский'],
  },
  { words: ['russian', 'rossiya', 'россия', 'русский'], adjectives: ['российский', 'русский'] },
  { words: ['belarusian', 'belarus', 'беларусь', 'беларускі'], adjectives: ['белорусский'] },
  { words: ['chinese', 'xitoy', 'хитой', 'қытай', 'китай'], adjectives: ['китайский'] },
  { words: ['korean', 'koreya', 'корея'], adjectives: ['корейский'] },
  { words: ['turkish', 'türk', 'turkiye', 'türkiye', 'турция'], adjectives: ['турецкий'] },
  { words: ['german', 'deutsch', 'германия'], adjectives: ['немецкий', 'германский'] },
  { words: ['azerbaijani', 'azeri', 'azərbaycan'], adjectives: ['азербайджанский'] },
  { words: ['armenian', 'армения'], adjectives: ['армянский'] },
  { words: ['american'], adjectives: ['американский'] },
  { words: ['british'], adjectives: ['британский'] },
  { words: ['indian'], adjectives: ['индийский'] },
  { words: ['iranian'], adjectives: ['иранский'] },
  { words: ['japanese'], adjectives: ['японский'] },
  { words: ['italian'], adjectives: ['итальянский'] },
  { words: ['french'], adjectives: ['французский'] },
  { words: ['swiss'], adjectives: ['швейцарский'] },
  { words: ['emirati'], adjectives: ['эмиратский'] },
];
// The endings of a Russian adjective as the key writes them: masculine, feminine, neuter, plural, and
// joined to the next word (таджикско-).
const ADJECTIVE_ENDINGS = ['ий', 'ая', 'ое', 'ие', 'о'].map((ending) => searchKey(ending));

/** A Russian adjective's forms as search-key words, from its stem as a key (tadjiksk, kamenogorsk). */
export function adjectiveKeyForms(stem: string): string[] {
  return ADJECTIVE_ENDINGS.map((ending) => stem + ending);
}

const NATIONALITY_FORMS: readonly string[][] = NATIONALITIES.map((n) => [
  ...new Set([
    ...n.words.map((w) => searchKey(w)),
    ...n.adjectives.flatMap((a) => adjectiveKeyForms(searchKey(a).replace(/i$/, ''))),
  ]),
]);

/**
 * The other words for the nationality a word of a search key names (Tajik: tojik, таджикский, таджикская,
 * таджикско- …; Таджикско: tajik …), or none.
 */
export function nationalityForms(word: string): string[] {
  const forms = NATIONALITY_FORMS.find((f) => f.includes(word));
  return forms ? forms.filter((f) => f !== word) : [];
}

/**
 * The stems a Russian adjective of place may leave of its place's name (as adjectiveStem), with the
 * suffix -in-, -ov-, -ev- taken off too: Карагандинский, Алматинский, Актюбинский name Karaganda, Almaty,
 * Aktobe. For places, which are compared by their consonants (placeKey).
 */
export function placeStems(word: string): string[] {
  const stem = adjectiveStem(word);
  if (!stem) return [];
  const bare = stem.replace(/(?:in|ov|ev)$/, '');
  return bare !== stem && bare.length >= 4 ? [stem, bare] : [stem];
}

/**
 * Other spellings of a word of a search key that English and the Russian-based transliterations disagree on:
 * in words the region borrowed from Greek and Latin, au and eu before a consonant, which Russian writes ав
 * and ев (Auto, Авто; Euro, Евро; Eurasia, Евразия), and -sia, written -зия (Asia, Азия); ю after a
 * consonant, u in brands (Аллюр, Allur). Each way round.
 */
export function otherSpellings(word: string): string[] {
  const russian = word.replace(/([ae])u(?=[bcdfghjklmnpqrstvxz])/g, '$1v').replace(/sia$/, 'zia');
  const english = word.replace(/([ae])v(?=[bcdfghjklmnpqrstxz])/g, '$1u').replace(/zia$/, 'sia');
  // ю after a consonant, which the key spells iu and brands write u (Аллюр, Allur; Люкс, Lux), and back.
  const soft = word.replace(/([bcdfghjklmnprstvz])u/g, '$1iu');
  const hard = word.replace(/([bcdfghjklmnprstvz])iu/g, '$1u');
  return [...new Set([russian, english, soft, hard])].filter((w) => w !== word);
}

// Parts of compound company names that Russian and the national languages translate rather than spell
// (Узхимпром, Oʻzkimyosanoat; Казатомпром, Қазатомөнеркәсіп), as search keys: the Russian part, where it is a
// part of its own (not the him of sh+im, ch+im: Shymkent, Chimkent), and what Uzbek in Latin letters, Uzbek in
// Cyrillic letters, Kazakh and English brands (Еврохим, EuroChem; Уралхим, Uralchem) write for it; a part
// English does not translate stays as it is.
const TRANSLATED_PARTS: readonly { russian: string; at: RegExp; other: readonly (string | null)[] }[] = [
  { russian: 'him', at: /(?<![sc])him/g, other: ['kimio', 'kime', 'him', 'chem'] },
  { russian: 'prom', at: /prom/g, other: ['sanoat', 'sanoat', 'onerkasip', null] },
  { russian: 'stroi', at: /stroi/g, other: ['kurilish', 'kurilish', 'kurilis', null] },
  // Coal: Узбекуголь, Oʻzbekkoʻmir; Шахтерская угольная …, Kazakh көмір.
  { russian: 'ugol', at: /ugol/g, other: ['komir', 'komir', 'komir', 'coal'] },
  // Oil: Russian нефть, Kazakh мұнай (Uzbek writes neft as Russian does).
  { russian: 'neft', at: /neft/g, other: [null, null, 'munai', null] },
];

/**
 * A compound word of a search key with its translated parts in the other languages (Uzkhimfarm:
 * uzkimiofarm …; Oʻzkimyofarm: ozhimfarm): the same company's name in Russian and in Uzbek or Kazakh.
 */
export function translatedParts(word: string): string[] {
  if (word.length < 6) return [];
  // Read back into Russian. The key writes a letter once where a word doubles it, so a part's first
  // consonant after a vowel may also be the last letter of the word before it (Oʻzbekkoʻmir, ozbekomir:
  // ozbek + komir): both readings.
  let russian = [word];
  for (const part of TRANSLATED_PARTS)
    for (const other of new Set(part.other))
      if (other && other !== part.russian)
        russian = russian.flatMap((w) => {
          if (!w.includes(other)) return [w];
          const afterVowel = new RegExp(`(?<=[aeiou])${other}`, 'g');
          const read = w.replaceAll(other, part.russian);
          return afterVowel.test(w) ? [read, w.replace(afterVowel, `${other[0]}${part.russian}`)] : [read];
        });
  const forms = new Set(russian);
  for (const r of russian)
    for (let lang = 0; lang < 4; lang++)
      forms.add(
        TRANSLATED_PARTS.reduce((w, part) => {
          const other = part.other[lang];
          return other ? w.replace(part.at, other) : w;
        }, r).replace(/(.)\1/g, '$1'),
      );
  forms.delete(word);
  return [...forms];
}

/** A text search query (`to_tsquery`) matching any of the words of search keys, or null when none is one. */
export function wordGroup(words: string[]): string | null {
  const safe = [...new Set(words.filter((w) => /^[a-z0-9]+$/.test(w)))];
  return safe.length === 0 ? null : `(${safe.join(' | ')})`;
}
