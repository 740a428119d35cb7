import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeKey } from './normalize.js';
import { otherPlaceNames, otherPlaceWords, placeForms } from './place-names.js';
import { hsCodesOfWords, onlyProductWords, readProducts } from './products.js';
import {
  adjectiveStem,
  companyKey,
  distinctiveWords,
  nationalityForms,
  otherSpellings,
  placeStems,
  russianAdjective,
  scriptOf,
  searchKey,
  skeleton,
  translatedParts,
} from './translit.js';

describe('search keys across scripts', () => {
  it.each([
    // producers.md's examples
    ['Shymkentcement', 'Шымкентцемент'],
    ['Chirchiq', 'Чирчик'],
    ['Fergana', 'Фергана'],
    ['Qaraǵandy', 'Қарағанды'],
    // Kazakh Cyrillic, 2021 Latin and Russian spellings of ң, ж, қ, ғ
    ['Jambyl', 'Жамбыл'],
    ['Zhambyl', 'Жамбыл'],
    ['Tengiz', 'Теңіз'],
    ['Тенгиз', 'Теңіз'],
    ['Qyzylorda', 'Қызылорда'],
    ['Qaraǵandy', 'Qarağandy'],
    // Uzbek Latin with its apostrophes typed four ways, and Cyrillic ў, ҳ
    ["O'zbekiston", 'Oʻzbekiston'],
    ['O‘zbekiston', 'Ўзбекистон'],
    ['Xorazm', 'Хоразм'],
    ['Toshkent', 'Тошкент'],
    // Tajik ҷ, ӣ, Turkmen ş, ç, ý, ň
    ['Тоҷикистон', 'Tojikiston'],
    ['Türkmenbaşy', 'Туркменбаши'],
    ['Aşgabat', 'Ашгабат'],
    // Russian е written ye; ц written ts or c
    ['Yekaterinburg', 'Екатеринбург'],
    ['Tsesna', 'Цесна'],
  ])('%s and %s share a key', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  it.each([
    ['Fergana', "Farg'ona"],
    ['Karaganda', 'Қарағанды'],
    ['Tashkent', 'Toshkent'],
  ])('%s and %s share a skeleton where vowels differ', (a, b) => {
    expect(skeleton(searchKey(a))).toBe(skeleton(searchKey(b)));
  });

  it('never reads two Cyrillic letters as one Latin digraph (з+х, т+ц, с+х)', () => {
    expect(searchKey('Казхром')).toBe('kazhrom');
    expect(searchKey('Шымкентцемент')).toBe('shimkentsement');
    expect(searchKey('Схема')).toBe('shema');
    expect(searchKey('Сухой')).toBe('suhoi');
    expect(searchKey('Казхром')).not.toBe(searchKey('Кажром'));
  });

  it('reads x a second way, as English and pinyin write it (Huaxin, Хуаксин), the first staying Uzbek', () => {
    expect(searchKey('Buxoro')).toBe(searchKey('Бухоро'));
    expect(searchKey('Huaxin', { digraphs: false })).toBe(searchKey('Хуаксин'));
    expect(searchKey('Maxam', { digraphs: false })).toBe(searchKey('Максам'));
  });

  it('takes a Russian adjective of place back to its place (Сейдинский, Atyrauskiy, Ulbinsky)', () => {
    expect(adjectiveStem(searchKey('Атырауский'))).toBe(searchKey('Atyrau'));
    expect(adjectiveStem(searchKey('Atyrauskiy'))).toBe(searchKey('Atyrau'));
    expect(adjectiveStem(searchKey('Кантская'))).toBe(searchKey('Kant'));
    expect(adjectiveStem(searchKey('Chirchikskogo'))).toBe(searchKey('Chirchik'));
    expect(adjectiveStem(searchKey('Ulbinsky'))).toBe('ulbin');
    // Not a word that merely ends so, nor one too short to be a place once cut.
    expect(adjectiveStem(searchKey('Minsk'))).toBeNull();
    expect(adjectiveStem(searchKey('Omskii'))).toBeNull();
    expect(adjectiveStem(searchKey('Kazakhstan'))).toBeNull();
  });

  it('gives the places that Russian adjectives of place name, and the spellings English and Russian disagree on', () => {
    const places = (w: string) => placeStems(searchKey(w)).map((s) => skeleton(s));
    expect(places('Карагандинский')).toContain(skeleton(searchKey('Karaganda')));
    expect(places('Алматинская')).toContain(skeleton(searchKey('Almaty')));
    expect(places('Pavlodarskiy')).toEqual([skeleton(searchKey('Pavlodar'))]);
    expect(placeStems(searchKey('Minsk'))).toEqual([]);
    expect(otherSpellings(searchKey('Eurasia'))).toContain(searchKey('Евразия'));
    expect(otherSpellings(searchKey('Asia'))).toContain(searchKey('Азия'));
    expect(otherSpellings(searchKey('Avtomobil'))).toContain(searchKey('Automobil'));
    // ю after a consonant, which brands write u.
    expect(otherSpellings(searchKey('Allur'))).toContain(searchKey('Аллюр'));
    expect(otherSpellings(searchKey('Люкс'))).toContain(searchKey('Luks'));
    // Not before a vowel (Sauyt), and nothing for a word without them.
    expect(otherSpellings(searchKey('Sauyt'))).toEqual([]);
    expect(otherSpellings(searchKey('Kazzinc'))).toEqual([]);
    expect(translatedParts(searchKey('Узхимпром'))).toContain(searchKey('Oʻzkimyosanoat').replace(/^o/, 'u'));
    expect(translatedParts(searchKey('Oʻzkimyosanoat'))).toContain(searchKey('Ozkhimprom'));
    expect(translatedParts(searchKey('Казатомпром'))).toContain(searchKey('Қазатомөнеркәсіп'));
    expect(russianAdjective(searchKey('Siberian'))).toBe(searchKey('Сиберский'));
    expect(russianAdjective(searchKey('Asian'))).toBeNull();
    expect(translatedParts(searchKey('Еврохим'))).toContain(searchKey('Evrochem'));
    expect(translatedParts(searchKey('EuroChem'))).toContain(searchKey('Еурохим'));
    // A city's other names, by their place keys; none for a city of one name.
    expect(otherPlaceNames(placeKey('Өскемен'))).toEqual([placeKey('Ust-Kamenogorsk')]);
    expect(otherPlaceNames(placeKey('Kokchetav'))).toEqual([placeKey('Кокшетау')]);
    expect(otherPlaceNames(placeKey('Gomel'))).toEqual([placeKey('Homiel')]);
    expect(otherPlaceNames(placeKey('Pavlodar'))).toEqual([]);
    // Spelt apart by the key (Chimkent's ch), and дж against j: one place for each pair.
    expect(placeForms(placeKey('Chimkent'))).toContain(placeKey('Шымкент'));
    expect(placeForms(placeKey('Khujand'))).toContain(placeKey('Худжанд'));
    expect(placeForms(placeKey('Гянджа'))).toContain(placeKey('Ganja'));
    expect(placeForms(placeKey('Кунград'))).toContain(placeKey('Qoʻngʻirot'));
    expect(placeForms(placeKey('Almaty'))).toEqual([placeKey('Almaty'), placeKey('Alma-Ata')]);
    // Not the him of Shymkent or Chimkent.
    expect(translatedParts(searchKey('Шымкентцемент'))).toEqual([]);
    // Coal and oil; a part's first letter the key wrote once for two (Oʻzbekkoʻmir).
    expect(translatedParts(searchKey('Узбекуголь'))).toContain(searchKey('Uzbekkoʻmir'));
    expect(translatedParts(searchKey('Oʻzbekkoʻmir'))).toContain(searchKey('Ozbekugol'));
    expect(translatedParts(searchKey('Каражанбасмунай'))).toContain(searchKey('Каражанбаснефть'));
    // Nationalities: English and the nation's own word for the Russian adjective in its forms, and back.
    expect(nationalityForms(searchKey('Tajik'))).toEqual(
      expect.arrayContaining(['таджикская', 'таджикско', 'тоҷик'].map((w) => searchKey(w))),
    );
    expect(nationalityForms(searchKey('китайская'))).toContain(searchKey('Chinese'));
    expect(nationalityForms(searchKey('Shymkent'))).toEqual([]);
    // A city's other names and their Russian adjectives, by the word's own key (not its consonants).
    expect(otherPlaceWords(searchKey('Öskemen'))).toContain(searchKey('Усть-Каменогорская').split(' ')[1]);
    expect(otherPlaceWords(searchKey('Bishkek'))).toContain(searchKey('Фрунзе'));
    expect(otherPlaceWords(searchKey('coking'))).toEqual([]);
  });

  it('drops legal forms from company names, and keeps the words that tell companies apart', () => {
    expect(companyKey('ТОО «Казцинк»')).toBe(searchKey('Казцинк'));
    expect(companyKey('"Navoiyazot" AJ')).toBe('navoiazot');
    expect(companyKey('Kazzinc LLP')).toBe(companyKey('Kazzinc JSC'));
    expect(distinctiveWords(companyKey('АО «Национальная компания «КазМунайГаз»'))).toEqual(['kazmunaigaz']);
  });

  it('gives plain lowercase Latin words without doubled letters for any text', () => {
    const letters = fc.constantFrom(
      ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳӣӯҷ'.split(''),
      ...'abcdefghijklmnopqrstuvwxyzäçğıñöşüýžʻ’ ,.-«»"'.split(''),
    );
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 40 }), (chars) => {
        const key = searchKey(chars.join(''));
        expect(key).toMatch(/^[a-z0-9]*( [a-z0-9]+)*$/);
        expect(key).not.toMatch(/([a-z])\1/);
      }),
    );
  });

  it('tells the script of a name', () => {
    expect(scriptOf('Казцинк')).toBe('Cyrl');
    expect(scriptOf('Kazzinc')).toBe('Latn');
    expect(scriptOf('Kaz Цинк')).toBe('mixed');
    expect(scriptOf('123')).toBe('none');
  });
});

describe('product words to HS codes', () => {
  it.each([
    ['медный катод', ['74', '7403']],
    ['mis katod', ['74', '7403']],
    ['copper cathode', ['74', '7403']],
    ['цемент', ['2523']],
    ['oʻgʻit', ['31']],
    ['lead', ['78']],
    // A phrase's short word is a stem like its others (руда, руды after железн…).
    ['железная руда', ['2601']],
    ['железной руды', ['2601']],
    ['ферромарганец', ['2602', '7202']],
    ['жёлтый фосфор', ['2804']],
    // Plurals in ts, which the key reads as the one sound of ц.
    ['dried apricots', ['0806', '0813']],
    ['iron ore pellets', ['2601']],
    // A short word in an English plural (bus, buses).
    ['buses', ['8702']],
    // Pipes of their own headings (not all of iron and steel, 72 and 73); juices, not all drinks; rails.
    ['трубы', ['3917', '73', '7304', '7305', '7306']],
    ['quvur', ['3917', '73', '7304', '7305', '7306']],
    ['сок', ['2009']],
    ['рельсы', ['7302']],
    ['light bulbs', ['8539']],
    ['полиэфирное волокно', ['3907', '5402', '5503']],
    // Semi-finished steel before all of steel; poultry, not all meat; spirit (2207), not spirits (2208).
    ['steel billets', ['72', '7206', '7207', '73']],
    ['poultry', ['0105', '0207']],
    ['спирт', ['2207']],
    ['спиртные', ['2208']],
    ['сеялки', ['8432']],
    // The goods' words of Kazakh, Kyrgyz, Tajik, Turkmen and Azerbaijani.
    ['шекер', ['1701']],
    ['көмүр', ['2701']],
    ['pagta', ['5201', '5203']],
    ['dokma', ['52', '61', '62', '63']],
    ['şərab', ['2204']],
    ['тилло', ['7108']],
    // A refinery's products and a petrochemical plant's, not crude oil.
    ['нефтеперерабатывающий завод', ['2710']],
    ['нефтехимия', ['2901', '2902', '3901', '3902']],
    ['нефть', ['2709']],
    ['bicycles', ['8712']],
    // фабрика is a factory, not a fabric.
    ['швейная фабрика', []],
    // A phrase's words are not read again alone; of the stems a word starts with, the longest counts.
    ['полиэтиленовые трубы', ['3917']],
    ['запорная арматура', ['8481']],
    ['арматура', ['72', '73']],
    ['свинцовый концентрат', ['2607']],
    ['стекловолокно', ['7019']],
    ['стекло', ['70', '7005', '7010']],
    ['baby food', ['1901']],
    ['chrysotile asbestos', ['2524']],
  ])('%s names %j', (words, codes) => {
    expect(hsCodesOfWords(words)).toEqual(codes);
  });

  it('names the codes every product concept of a query shares, most specific only', () => {
    expect(readProducts('tovuq goʻshti').shared).toEqual(['0207']);
    expect(readProducts('steel pipes').shared).toEqual(['7304', '7305', '7306']);
    expect(readProducts('медный катод').shared).toEqual(['7403']);
    // One concept, or concepts sharing nothing: none.
    expect(readProducts('cement').shared).toEqual([]);
    expect(readProducts('cement copper').shared).toEqual([]);
  });

  it('tells a query made only of product words', () => {
    expect(onlyProductWords('oltin')).toBe(true);
    expect(onlyProductWords('медный катод')).toBe(true);
    expect(onlyProductWords('железная руда')).toBe(true);
    expect(onlyProductWords('Oltin Qum')).toBe(false);
    expect(onlyProductWords('Kazzinc')).toBe(false);
    expect(onlyProductWords('')).toBe(false);
  });

  it('does not read a longer word as a short product word (leader is not lead, Olmaliq not olma)', () => {
    expect(hsCodesOfWords('leader')).toEqual([]);
    expect(hsCodesOfWords('Olmaliq')).toEqual([]);
    expect(hsCodesOfWords('Kantskii')).toEqual([]);
    expect(hsCodesOfWords('ipak yoli')).toEqual(['5002', '5007']);
    expect(hsCodesOfWords('Titanik')).toEqual([]);
    expect(hsCodesOfWords('business')).toEqual([]);
    expect(hsCodesOfWords('соковыжималка')).toEqual([]);
    expect(hsCodesOfWords('Halyk')).toEqual([]);
    expect(hsCodesOfWords('Kuralai')).toEqual([]);
    expect(hsCodesOfWords('Duzen')).toEqual([]);
  });
});
