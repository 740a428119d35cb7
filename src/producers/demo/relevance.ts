// The registry's relevance set: queries a user of the region would type — a company's name in another script
// or transliteration, with a typo, or the words for a product — each with what it must find among the demo
// producers. Written for Keruen; `evaluateSearch` scores a search function against it (recall@10, MRR).

export type RelevanceQuery =
  /** Must find the demo producer whose English name is `expect`. */
  | { q: string; expect: string; country?: string }
  /** Must find producers of this HS code prefix (any of them). */
  | { q: string; hs: string; country?: string };

const names: [string, string[]][] = [
  ['Kazatomprom', ['Qazatomprom', 'Казатомпромм', 'kazatom prom']],
  ['Kazzinc', ['Kaztsink', 'Қазцинк', 'kazinc']],
  ['Kazakhmys Corporation', ['Qazaqmys', 'Kazakmys', 'Казахмыс корпорация']],
  ['KAZ Minerals', ['Каз Минералс', 'kaz minerals']],
  ['Qarmet', ['Кармет', 'Karmet Temirtau', 'Arcelor Mittal Temirtau']],
  ['Kazchrome', ['Kazkhrom', 'Қазхром', 'Kazhrom']],
  ['Kazakhstan Aluminium Smelter', ['Казахстанский электролизный', 'Qazaqstan elektroliz zauyty']],
  ['KazMunayGas', ['Kazmunaigaz', 'Қазмұнайгаз', 'Казмунайгас']],
  ['Tengizchevroil', ['Tengizshevroil', 'Тенгизшевройл', 'Teңizchevroil']],
  ['Shymkentcement', ['Шымкентцемент', 'Chimkentcement', 'Shimkentsement', 'Шимкент цемент']],
  ['Rakhat', ['Рахат', 'Raxat', 'Rahat']],
  ['Bayan Sulu', ['Баян Сулу', 'Bayan Suly', 'Баян-Сулу']],
  ['SaryarkaAvtoProm', ['Saryarka Avto Prom', 'Сарыарка автопром']],
  ['Agromashholding KZ', ['Агромаш холдинг', 'Agromash Holding']],
  ['Almalyk MMC', ['Olmaliq KMK', 'Алмалык', 'Almalik GMK']],
  [
    'Navoi Mining and Metallurgical Company',
    ['Navoiy KMK', 'Навоийский горно-металлургический', 'Navoiyskiy GMK'],
  ],
  [
    'Uzbekistan Metallurgical Plant',
    ["O'zbekiston metallurgiya kombinati", 'Узметкомбинат', 'Uzmetkombinat'],
  ],
  [
    'Chirchiq Transformer Plant',
    ['Chirchiq transformer', 'Чирчик трансформатор', 'Chirchik transformatornyy zavod'],
  ],
  ['UzAuto Motors', ['Uzavto motors', 'Ўзавто Моторс', 'УзАвтоМоторс']],
  ['Navoiyazot', ['Навоиазот', 'Navoiazot', 'Navoi azot']],
  ['Ferganaazot', ["Farg'onaazot", 'Фергана азот', 'Ferghanaazot']],
  ['Artel Electronics', ['Артел электроникс', 'Artel Elektronika']],
  ['Uzbekneftegaz', ["O'zbekneftgaz", 'Узбекнефтегаз', 'Uzbekneftgaz']],
  ['Kvarts', ['Кварц Кувасай', 'Kvarc']],
  ['Kumtor Gold Company', ['Kumtor', 'Кумтор голд']],
  ['Shoro', ['Шоро', 'Shoro Bishkek']],
  ['Kant Cement Plant', ['Kant sement zavody', 'Кантский цементный']],
  ['Kyrgyzaltyn', ['Кыргызалтын', 'Kirgizaltin', 'Qyrgyzaltyn']],
  ['Abdysh-Ata', ['Abdish Ata', 'Абдыш Ата']],
  ['TALCO', ['Талко', 'Tajik aluminum company', 'Ширкати алюминийи точик']],
  ['Zeravshan JV', ['Zarafshon', 'Зеравшан']],
  ['Barqi Tojik', ['Barki Tojik', 'Барки Точик', 'Barqi Tochik']],
  ['Tajikcement', ['Таджикцемент', 'Tojiksement', 'Tajik cement']],
  ['Turkmengaz', ['Туркменгаз', 'Turkmengas', 'Türkmengaz']],
  [
    'Turkmenbashi Refinery Complex',
    ['Turkmenbashi refinery', 'Туркменбашинский комплекс', 'Türkmenbaşy nebit'],
  ],
  ['Turkmenhimiya', ['Туркменхимия', 'Turkmenkhimiya', 'Türkmenhimiýa']],
  ['BELAZ', ['БелАЗ', 'Belaz', 'Белорусский автомобильный завод']],
  ['Minsk Tractor Works', ['Minsk tractor', 'Минский тракторный', 'Minskiy traktornyy zavod']],
  ['Belaruskali', ['Беларуськалий', 'Belaruskaliy', 'Беларуськалій']],
  ['Gomselmash', ['Гомсельмаш', 'Gomsel mash', 'Homselmash']],
  ['KAMAZ', ['КАМАЗ', 'Kamaz', 'Камский автомобильный']],
  ['SOCAR Polymer', ['SOCAR Polimer', 'Сокар полимер']],
  // Producers added after the rules were written (see demo/producers.ts), typed as users type them: the
  // registered name with its legal form, a word cut short, two words run together or apart, old names.
  [
    'Kazphosphate LLP',
    ['Казфосфат', 'Qazfosfat', 'kazfosfat taraz', 'Kazphosfate', 'ТОО "Казфосфат"', 'Kazfosvat'],
  ],
  [
    'Sokolov-Sarybai Mining Production Association',
    ['ССГПО', 'SSGPO', 'Sokolov Sarbai', 'Соколовско-Сарбайское'],
  ],
  [
    'Ust-Kamenogorsk Titanium and Magnesium Plant',
    [
      'UKTMK',
      'Ust-Kamenogorsk titanium',
      'Oskemen titan magniy',
      'титано-магниевый',
      'Öskemen titan-magnii kombinaty',
    ],
  ],
  ['Ulba Metallurgical Plant', ['Ульба', 'Ulbinsky', 'Ulbi metallurgiyalyq', 'Ульбинский']],
  ['Food Master', ['Фуд мастер', 'foodmaster']],
  ['Pavlodar Aluminium Plant', ['Павлодарский алюминиевый', 'Pavlodar aluminum', 'Алюминий Казахстана']],
  ['Kentau Transformer Plant', ['Kentau transformer', 'Кентауский трансформаторный', 'Кентау завод']],
  ['Bekabadcement', ['Bekobod sement', 'Бекабад цемент', 'Bekabadsement', 'Бекободцемент', 'Bekabad Cement']],
  [
    'Kyzylkumcement',
    ['Qizilqum sement', 'Кызылкум цемент', 'Kizilkumsement', 'АО «Кызылкумцемент»', 'Kyzylkum Cement'],
  ],
  ['Maxam-Chirchiq', ['Максам Чирчик', 'Maksam Chirchik', 'Maxam']],
  ['Indorama Kokand Textile', ['Индорама', "Indorama Qo'qon", 'Kokand textile']],
  ['Bukhara Oil Refinery', ['Buxoro neft', 'Bukhara refinery', 'Бухарский нефтеперерабатывающий']],
  [
    'Kyrgyz Chemical Metallurgical Plant',
    ['Кыргызский химико-металлургический', 'Kirgizskiy khimiko-metallurgicheskiy'],
  ],
  ['Kara-Balta Mining Combine', ['Кара-Балта', 'Karabalta mining', 'KARA-BALTA', 'Карабалтинский']],
  ['Tajik Azot', ['Таджик азот', 'Tojik azot', 'Tadjik Azot', 'Tajikazot']],
  ['Anzob Mining and Processing Plant', ['Анзоб', 'Anzob', 'Anzobskiy GOK']],
  [
    'Turkmenabat Chemical Plant',
    ['Türkmenabat himiýa', 'Туркменабат химический', 'Turkmenabat himiya zavody'],
  ],
  ['Mary Azot', ['Maryazot', 'Марыазот', 'Mariazot']],
  ['Belshina', ['Белшина', 'Белшына', 'Belshyna', 'Бел шина']],
  ['Nornickel', ['Норникель', 'Norilsk Nickel', 'Норильский никель', 'Nornikel', 'Norni']],
  ['Zangezur Copper Molybdenum Combine', ['Zangezur', 'Зангезурский', 'Zangezour copper']],
  // The held-out check of session 9, as it was typed against each producer stored under one name.
  ['Pavlodar Petrochemical Plant', ['Pavlodar neftekhimiya', 'Pavlodarskiy neftehimicheskiy zavod']],
  ['Atyrau Refinery', ['Atyrauskiy NPZ', 'Атырау НПЗ', 'Atirau neftepererabatyvayushchiy']],
  ['Stepnogorsk Bearing Plant', ['Stepnogorskiy podshipnikovyy', 'Степногорск подшипник']],
  ['Aktobe Chromium Compounds Plant', ['Aktyubinskiy zavod khromovykh soedineniy', 'Актюбинский хромовых']],
  ['Shymkentpivo', ['Chimkentpivo', 'Шымкент пиво', 'Shymkent pivo']],
  ['Kokshetau Mineral Waters', ['Kokshetauskie mineralnye vody', 'Көкшетау минерал']],
  ['Zhairem Mining and Processing Plant', ['Jayrem', 'Жәйрем', 'Zhayremskiy']],
  ['Akhangarancement', ['Akhangaran cement', 'Ахангаран цемент', 'Ohangaron sement']],
  ['SamAuto MChJ', ['Samavto', 'Sam Auto']],
  ['Shurtan Gas Chemical Complex', ['Shurtan GKM', 'Шуртан газ кимё', 'Shoʻrtan']],
  ['Dehkanabad Potash Plant', ['Dekhkanabad kaliy', 'Деҳқонобод калий']],
  ['Uz-Kor Gas Chemical MChJ', ['УзКор Газ Кемикал', 'Uzkor gas chemical', 'Уз-Кор газ']],
  ['Kokand Superphosphate Plant', ['Коканд суперфосфат', 'Qoqon superfosfat']],
  ['Khaidarkan Mercury Plant', ['Haydarkan', 'Khaydarkan rtutnyy', 'Хайдаркан сымап']],
  ['Kyrgyzneftegaz', ['Kirgizneftegaz', 'Qyrgyzneftegaz', 'Кыргыз нефтегаз']],
  ['Tajikkhimprom', ['Tajikhimprom', 'Таджик химпром', 'Tadjikkhimprom']],
  ['Huaxin Gayur Cement', ['Huaxin Gaur', 'Хуаксин Гаюр', 'Huaxin cement']],
  ['Garabogaz Carbamide Plant', ['Гарабогазкарбамид', 'Karabogaz karbamid', 'Гарабогаз карбамид']],
  ['Kiyanly Polymer Plant', ['Киянлы полимер', 'Gyyanly polimer', 'Gianly']],
  ['Seydi Refinery', ['Сейдинский нефтеперерабатывающий', 'Seydi nebit', 'Сейди нефти']],
  ['Uralkali', ['Uralkaliy', 'Уралкалі', 'Ural kaliy']],
  ['Severstal', ['Severstal Cherepovets', 'Sever stal']],
  ['Minsk Automobile Plant', ['Minskiy avtomobilnyy zavod', 'Мінскі аўтамабільны завод', 'Minsk avtozavod']],
  ['Grodno Azot', ['Hrodna Azot', 'Гродна Азот', 'Grodnoazot']],
];

const products: [string, string, string?][] = [
  ['медный катод', '7403'],
  ['mis katod', '7403'],
  ['copper cathode', '7403'],
  ['медь', '74', 'UZ'],
  ['цемент', '2523'],
  ['sement', '2523', 'KG'],
  ['удобрения', '31'],
  ['oʻgʻit', '31'],
  ['азотные удобрения', '3102'],
  ['трансформатор', '8504'],
  ['transformator', '8504'],
  ['алюминий', '7601'],
  ['aluminium', '7601', 'TJ'],
  ['золото', '7108'],
  ['oltin', '7108', 'UZ'],
  ['уголь', '2701'],
  ['нефть', '2709'],
  ['мұнай', '2709'],
  ['natural gas', '2711'],
  ['ферросплавы', '7202'],
  ['ferrochrome', '7202'],
  ['тракторы', '8701'],
  ['traktor', '8701', 'BY'],
  ['комбайн', '8433'],
  ['шоколад', '1806'],
  ['пиво', '2203'],
  ['холодильник', '8418'],
  ['стекло', '70'],
  ['полипропилен', '3902'],
  ['самосвал', '8704'],
  ['калийные удобрения', '3104'],
  ['цинк', '7901'],
  ['серебро', '7106'],
  ['электроэнергия', '2716'],
  ['уран', '2612'],
  ['yellow phosphorus', '2804'],
  ['titanium sponge', '8108'],
  ['губчатый титан', '8108'],
  ['beryllium', '8112'],
  ['железная руда', '2601'],
  ['окатыши', '2601'],
  ['глинозём', '2818'],
  ['alumina', '2818'],
  ['шины', '4011'],
  ['tyres', '4011', 'BY'],
  ['nickel', '75'],
  ['palladium', '7110'],
  ['молибден', '2613'],
  ['antimony', '2617'],
  ['сурьма', '2617'],
  ['rare earth metals', '2846'],
  ['аммиачная селитра', '3102'],
  ['urea', '3102', 'TM'],
  ['superphosphate', '3103'],
  ['бензин', '2710'],
  ['diesel fuel', '2710', 'UZ'],
  ['хлопковая пряжа', '5205'],
  ['kefir', '0403'],
  ['ферромарганец', '7202'],
  ['ртуть', '2805'],
  ['mercury', '2805'],
  ['bearings', '8482'],
  ['подшипники', '8482'],
  ['zinc concentrate', '2608'],
  ['buses', '8702'],
  ['hot-rolled steel', '7208'],
  ['caustic soda', '2815'],
  ['хлористый калий', '3104'],
];

export const RELEVANCE_QUERIES: readonly RelevanceQuery[] = [
  ...names.flatMap(([expect, queries]) => queries.map((q) => ({ q, expect }))),
  ...products.map(([q, hs, country]) => (country ? { q, hs, country } : { q, hs })),
];

export interface RelevanceHit {
  id: number;
  names: string[];
  hs_codes: string[];
}

export interface RelevanceReport {
  queries: number;
  recall_at_10: number;
  mrr: number;
  by_kind: Record<'name' | 'product', { queries: number; recall_at_10: number; mrr: number }>;
  misses: { q: string; expected: string; top: string[] }[];
}

/** Scores a search against the set: recall@10 (found in the first ten) and mean reciprocal rank. */
export async function evaluateSearch(
  search: (q: string, country?: string) => Promise<RelevanceHit[]>,
  queries: readonly RelevanceQuery[] = RELEVANCE_QUERIES,
): Promise<RelevanceReport> {
  const kinds = { name: { n: 0, found: 0, rr: 0 }, product: { n: 0, found: 0, rr: 0 } };
  const misses: RelevanceReport['misses'] = [];
  for (const query of queries) {
    const hits = (await search(query.q, query.country)).slice(0, 10);
    const kind = 'expect' in query ? kinds.name : kinds.product;
    const rank =
      'expect' in query
        ? hits.findIndex((h) => h.names.includes(query.expect))
        : hits.findIndex((h) => h.hs_codes.some((c) => c.startsWith(query.hs)));
    kind.n++;
    if (rank >= 0) {
      kind.found++;
      kind.rr += 1 / (rank + 1);
    } else
      misses.push({
        q: query.q,
        expected: 'expect' in query ? query.expect : `HS ${query.hs}`,
        top: hits.slice(0, 3).map((h) => h.names[0] ?? String(h.id)),
      });
  }
  const total = kinds.name.n + kinds.product.n;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const stat = (k: { n: number; found: number; rr: number }) => ({
    queries: k.n,
    recall_at_10: round(k.found / Math.max(1, k.n)),
    mrr: round(k.rr / Math.max(1, k.n)),
  });
  return {
    queries: total,
    recall_at_10: round((kinds.name.found + kinds.product.found) / total),
    mrr: round((kinds.name.rr + kinds.product.rr) / total),
    by_kind: { name: stat(kinds.name), product: stat(kinds.product) },
    misses,
  };
}
