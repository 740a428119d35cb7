// Each rule of the extractor with sentences written for these tests (never taken from the corpus).
import { describe, expect, it } from 'vitest';
import { extractFacts } from './extract.js';
import type { Fact, TradeTarget, TradeTurnover } from './model.js';

const PUB = '2024-06-15';

function facts(text: string, published = PUB, extra: { publisher?: string; title?: string } = {}): Fact[] {
  return extractFacts(text, { published, ...extra });
}

function turnovers(
  text: string,
  published = PUB,
  extra: { publisher?: string; title?: string } = {},
): TradeTurnover[] {
  return facts(text, published, extra).filter((f): f is TradeTurnover => f.kind === 'trade_turnover');
}

function targets(
  text: string,
  published = PUB,
  extra: { publisher?: string; title?: string } = {},
): TradeTarget[] {
  return facts(text, published, extra).filter((f): f is TradeTarget => f.kind === 'trade_target');
}

function one<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('money', () => {
  it.each([
    ['Trade between Kazakhstan and Uzbekistan reached $2.7bn in 2023.', 2.7e9, 'USD'],
    ['Trade between Kazakhstan and Uzbekistan reached US$ 640 million in 2023.', 640e6, 'USD'],
    ['Trade between Kazakhstan and Uzbekistan reached 3 billion US dollars in 2023.', 3e9, 'USD'],
    ['Trade between Russia and Belarus reached 5 trillion 100 billion rubles in 2023.', 5.1e12, 'RUB'],
    ['Trade between Kyrgyzstan and Tajikistan reached $48.125 million in 2023.', 48.125e6, 'USD'],
    ['Trade between Kazakhstan and Turkmenistan reached two billion dollars in 2023.', 2e9, 'USD'],
    ['Trade between Kazakhstan and Kyrgyzstan reached $1,250 million in 2023.', 1.25e9, 'USD'],
    ['Trade between Kazakhstan and Uzbekistan reached 410 billion tenge in 2023.', 410e9, 'KZT'],
  ])('reads the amount of %s', (text, value, currency) => {
    const fact = one(turnovers(text));
    expect(fact.value).toBe(value);
    expect(fact.currency).toBe(currency);
  });

  it('reads a range as its midpoint, about', () => {
    const fact = one(turnovers('Trade between Azerbaijan and Turkmenistan stood at $60-80 million in 2023.'));
    expect(fact).toMatchObject({ value: 70e6, bound: 'about' });
  });

  it('reads one and a half billion', () => {
    const fact = one(
      targets(
        'The two presidents set the goal of raising trade between Belarus and Uzbekistan to one and a half billion dollars.',
      ),
    );
    expect(fact.value).toBe(1.5e9);
  });

  it('keeps a conversion into another currency as a second fact', () => {
    const list = turnovers(
      'Trade between Russia and Kazakhstan reached 2.1 trillion rubles ($23 bln) in 2023.',
    );
    expect(list.map((f) => [f.value, f.currency])).toEqual([
      [2.1e12, 'RUB'],
      [23e9, 'USD'],
    ]);
  });
});

describe('bounds', () => {
  it.each([
    ['In 2023, trade between Kazakhstan and Tajikistan exceeded $1.6 billion.', 'over'],
    ['In 2023, trade between Kazakhstan and Tajikistan was more than $1.6 billion.', 'over'],
    ['In 2023, trade between Kazakhstan and Tajikistan surpassed the $1.6 billion mark.', 'over'],
    ['In 2023, trade between Kazakhstan and Tajikistan reached almost $1.6 billion.', 'about'],
    ['In 2023, trade between Kazakhstan and Tajikistan reached nearly $1.6 billion.', 'about'],
    ['In 2023, trade between Kazakhstan and Tajikistan came to less than $1.6 billion.', 'under'],
    ['In 2023, trade between Kazakhstan and Tajikistan amounted to $1.6 billion.', 'exact'],
  ])('%s → %s', (text, bound) => {
    expect(one(turnovers(text)).bound).toBe(bound);
  });

  it('does not take "over the past year" for a bound', () => {
    expect(
      one(turnovers('Exports from Kyrgyzstan to Uzbekistan over the past year totaled $210 million.')).bound,
    ).toBe('exact');
  });

  it('reads "at least" in a goal as over and "up to" as the value itself', () => {
    expect(
      one(
        targets('The leaders agreed to raise trade between Armenia and Kazakhstan to at least $500 million.'),
      ).bound,
    ).toBe('over');
    expect(
      one(targets('The sides intend to increase trade between Armenia and Kazakhstan up to $500 million.'))
        .bound,
    ).toBe('exact');
  });
});

describe('periods relative to the publication date', () => {
  it.each([
    ['In 2022, trade between Kazakhstan and Kyrgyzstan reached $1.2 billion.', '2022-01', '2022-12'],
    ['Last year trade between Kazakhstan and Kyrgyzstan reached $1.2 billion.', '2023-01', '2023-12'],
    [
      'At the end of last year trade between Kazakhstan and Kyrgyzstan reached $1.2 billion.',
      '2023-01',
      '2023-12',
    ],
    [
      'In 10 months last year trade between Kazakhstan and Kyrgyzstan reached $1.2 billion.',
      '2023-01',
      '2023-10',
    ],
    [
      'In 3 months of 2024 trade between Kazakhstan and Kyrgyzstan reached $300 million.',
      '2024-01',
      '2024-03',
    ],
    [
      'In January–March 2024 trade between Kazakhstan and Kyrgyzstan reached $300 million.',
      '2024-01',
      '2024-03',
    ],
    [
      'From January through May 2024, trade between Kazakhstan and Kyrgyzstan reached $500 million.',
      '2024-01',
      '2024-05',
    ],
    [
      'In the first quarter of 2024 trade between Kazakhstan and Kyrgyzstan reached $300 million.',
      '2024-01',
      '2024-03',
    ],
    [
      'In the first half of 2023 trade between Kazakhstan and Kyrgyzstan reached $600 million.',
      '2023-01',
      '2023-06',
    ],
    [
      'For the first eight months of 2023 trade between Kazakhstan and Kyrgyzstan reached $800 million.',
      '2023-01',
      '2023-08',
    ],
    [
      'By the end of 2022, trade between Kazakhstan and Kyrgyzstan had reached $1.1 billion.',
      '2022-01',
      '2022-12',
    ],
    [
      'In February 2024 alone, trade between Kazakhstan and Kyrgyzstan exceeded $90 million.',
      '2024-02',
      '2024-02',
    ],
  ])('%s', (text, from, to) => {
    expect(one(turnovers(text)).period).toEqual({ from, to });
  });

  it('places months without a year in this year when they are over, else last year', () => {
    expect(
      one(
        turnovers(
          'In January-April, trade between Kazakhstan and Kyrgyzstan reached $400 million.',
          '2024-06-15',
        ),
      ).period,
    ).toEqual({ from: '2024-01', to: '2024-04' });
    expect(
      one(
        turnovers(
          'In January-October, trade between Kazakhstan and Kyrgyzstan reached $1 billion.',
          '2024-06-15',
        ),
      ).period,
    ).toEqual({ from: '2023-01', to: '2023-10' });
  });

  it('reads the first half of "the year" in the publication year', () => {
    expect(
      one(
        turnovers(
          'In the first half of the year trade between Kazakhstan and Kyrgyzstan reached $700 million.',
          '2024-08-10',
        ),
      ).period,
    ).toEqual({ from: '2024-01', to: '2024-06' });
  });

  it('gives a comparison base the same months of its own year', () => {
    const list = turnovers(
      'Trade between Tajikistan and Uzbekistan amounted to $150 million in January–March 2024, 8 percent more than $139 million in the corresponding months of 2023.',
    );
    expect(list.map((f) => [f.value, f.period.from, f.period.to])).toEqual([
      [150e6, '2024-01', '2024-03'],
      [139e6, '2023-01', '2023-03'],
    ]);
  });

  it('leaves out a figure whose period cannot be told', () => {
    expect(turnovers('Trade between Kazakhstan and Kyrgyzstan has reached $1.3 billion.')).toEqual([]);
    expect(turnovers('This year trade between Kazakhstan and Kyrgyzstan has reached $1.3 billion.')).toEqual(
      [],
    );
  });

  it('does not read "the past five months" as January to May', () => {
    expect(
      turnovers('Over the past five months trade between Kazakhstan and Kyrgyzstan reached $500 million.'),
    ).toEqual([]);
  });
});

describe('observations and goals', () => {
  it.each([
    'The presidents agreed to bring trade between Kazakhstan and Azerbaijan to $1 billion.',
    'The sides set the goal of raising trade between Kazakhstan and Azerbaijan to $1 billion.',
    'Kazakhstan and Azerbaijan aim to boost trade to $1 billion.',
    'The task is to increase trade between Kazakhstan and Azerbaijan to $1 billion.',
    'Kazakhstan and Azerbaijan plan to raise their trade to $1 billion.',
    'Kazakhstan and Azerbaijan can achieve trade of $1 billion.',
  ])('reads a goal in: %s', (text) => {
    expect(one(targets(text)).value).toBe(1e9);
    expect(turnovers(text)).toEqual([]);
  });

  it.each([
    'In 2023, trade between Kazakhstan and Azerbaijan increased by 12% to $500 million.',
    'In 2023, trade between Kazakhstan and Azerbaijan grew 12 percent to $500 million.',
    'In 2023, trade between Kazakhstan and Azerbaijan rose 12 percent to reach $500 million.',
  ])('reads an observation in: %s', (text) => {
    expect(one(turnovers(text)).value).toBe(500e6);
    expect(targets(text)).toEqual([]);
  });

  it.each([
    ['The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion by 2030.', '2030', null],
    [
      'The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion in the medium term.',
      null,
      'medium',
    ],
    [
      'The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion in the coming years.',
      null,
      'medium',
    ],
    [
      'The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion in the near future.',
      null,
      'short',
    ],
    [
      'The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion in the long term.',
      null,
      'long',
    ],
  ])('%s → by %s, horizon %s', (text, by, horizon) => {
    expect(one(targets(text))).toMatchObject({ by, horizon });
  });

  it('reads "in the next five years" as medium, with the year a headline gives', () => {
    const text =
      'The sides agreed to raise trade between Georgia and Kazakhstan to $1 billion in the next five years.';
    expect(one(targets(text, '2024-03-01'))).toMatchObject({ by: null, horizon: 'medium' });
    expect(
      one(targets(text, '2024-03-01', { title: 'Georgia and Kazakhstan to double trade by 2029' })),
    ).toMatchObject({ by: '2029' });
  });

  it('reads a forecast for the end of the year as a goal for that year', () => {
    const fact = one(
      targets(
        'Trade between Kazakhstan and Turkey is expected to exceed $7 billion by the end of the year.',
        '2024-10-01',
      ),
    );
    expect(fact).toMatchObject({ by: '2024', bound: 'over' });
    expect(fact.confidence).toBeLessThan(0.8);
  });
});

describe('countries and scope', () => {
  it('reads adjectives and hyphenated pairs', () => {
    expect(one(turnovers('Kazakh-Uzbek trade reached $4 billion in 2023.')).scope).toEqual({
      countries: ['KZ', 'UZ'],
    });
  });

  it('reads capitals that stand for governments', () => {
    expect(one(turnovers('Trade between Astana and Bishkek reached $1.5 billion in 2023.')).scope).toEqual({
      countries: ['KG', 'KZ'],
    });
  });

  it('reads the Kyrgyz Republic as Kyrgyzstan', () => {
    expect(
      one(turnovers('Trade between the Kyrgyz Republic and Russia grew to $3 billion in 2023.')).scope,
    ).toEqual({ countries: ['KG', 'RU'] });
  });

  it('resolves "the two countries" from the sentences before', () => {
    const text =
      'The President of Tajikistan received the Prime Minister of Belarus.\nIn 2023, trade between the two countries reached $120 million.';
    expect(one(turnovers(text)).scope).toEqual({ countries: ['BY', 'TJ'] });
  });

  it('resolves a leader’s name to the country', () => {
    const text = 'Tokayev and Japarov held talks in Astana. Mutual trade reached $1.4 billion last year.';
    expect(one(turnovers(text)).scope).toEqual({ countries: ['KG', 'KZ'] });
  });

  it.each([
    ['Mutual trade of the EAEU member states reached $90 billion in 2023.', 'EAEU'],
    ['Mutual trade in Central Asia reached $11 billion in 2023.', 'CENTRAL_ASIA'],
    ['Trade within the CIS reached $150 billion in 2023.', 'CIS'],
  ])('reads a bloc’s mutual trade: %s', (text, group) => {
    expect(one(turnovers(text)).scope).toEqual({ group });
  });

  it('leaves out a country’s trade with the world or with a bloc', () => {
    expect(turnovers('In 2023, the foreign trade turnover of Uzbekistan reached $63 billion.')).toEqual([]);
    expect(
      turnovers('In 2023, trade between Kazakhstan and the countries of the region reached $9 billion.'),
    ).toEqual([]);
  });

  it('leaves out money that is not trade', () => {
    expect(
      turnovers('In 2023, Kazakhstan and Kyrgyzstan signed investment agreements worth $1 billion.'),
    ).toEqual([]);
    expect(
      turnovers(
        'In 2023, the trade ministers of Kazakhstan and Kyrgyzstan launched 15 projects worth $800 million.',
      ),
    ).toEqual([]);
  });

  it('ignores the dateline when finding what the text is about', () => {
    const text =
      'TBILISI, Georgia, May 3. Mutual trade between Armenia and Iran reached $700 million in 2023, officials said.';
    expect(one(turnovers(text)).scope).toEqual({ countries: ['AM', 'IR'] });
  });
});

describe('exports and imports', () => {
  it('reads "X’s exports to Y" as exports from X to Y', () => {
    expect(one(turnovers('In 2023, Kyrgyzstan’s exports to Uzbekistan reached $250 million.'))).toMatchObject(
      { flow: 'exports', from: 'KG', to: 'UZ' },
    );
  });

  it('reads "X’s imports from Y" as exports from Y to X', () => {
    expect(
      one(turnovers('In 2023, Kyrgyzstan’s imports from Uzbekistan reached $400 million.')),
    ).toMatchObject({ flow: 'exports', from: 'UZ', to: 'KG' });
  });

  it('reads exports with a subject and a destination', () => {
    expect(
      one(turnovers('In 2023, exports from Turkmenistan to Tajikistan amounted to $90 million.')),
    ).toMatchObject({ from: 'TM', to: 'TJ' });
  });

  it('reads bare imports after exports as the reverse direction', () => {
    const list = turnovers(
      'In 2023, exports from Armenia to Kazakhstan totaled $40 million, while imports amounted to $25 million.',
    );
    expect(list.map((f) => [f.from, f.to, f.value])).toEqual([
      ['AM', 'KZ', 40e6],
      ['KZ', 'AM', 25e6],
    ]);
  });

  it('reads "domestic goods" as the publisher’s country', () => {
    const text =
      'Trade between Uzbekistan and Kazakhstan grew last year. In 2023, exports of domestic goods reached $2.5 billion.';
    expect(turnovers(text, PUB, { publisher: 'gov.uz' }).find((f) => f.flow === 'exports')).toMatchObject({
      from: 'UZ',
      to: 'KZ',
    });
  });
});

describe('change', () => {
  it.each([
    ['In 2023, trade between Kazakhstan and Russia grew by 7.5% to $26 billion.', 7.5],
    ['In 2023, trade between Kazakhstan and Russia decreased by 3.2% to $26 billion.', -3.2],
    ['In 2023, trade between Kazakhstan and Russia reached $26 billion (up 4%).', 4],
    ['In 2023, trade between Kazakhstan and Russia reached $26 billion, a 2.5 percent decline.', -2.5],
  ])('%s → %s', (text, change) => {
    expect(one(turnovers(text)).change_pct).toBe(change);
  });

  it('attaches a change stated in the next sentence to the figure before', () => {
    const text =
      'In 2023, trade between China and Kyrgyzstan reached $19 billion. This figure grew by 22 percent year on year.';
    expect(one(turnovers(text)).change_pct).toBe(22);
  });

  it('does not read a share as a change', () => {
    expect(
      one(
        turnovers(
          'In 2023, trade between Kazakhstan and Uzbekistan reached $4 billion, 40% of all trade in the region.',
        ),
      ).change_pct,
    ).toBeUndefined();
  });

  it('keeps multiples out of change_pct', () => {
    expect(
      one(turnovers('In 2023, trade between Kazakhstan and Georgia grew 2 times to $300 million.'))
        .change_pct,
    ).toBeUndefined();
  });
});

describe('agreements, portfolios, meetings, people', () => {
  it('reads documents signed', () => {
    const list = facts(
      'Following the talks, the sides signed a Memorandum of Cooperation in renewable energy and a Roadmap for expanding cargo transit between Kazakhstan and Georgia.',
    ).filter((f) => f.kind === 'agreement');
    expect(list.map((f) => f.kind === 'agreement' && [f.type, f.title])).toEqual([
      ['memorandum', 'Memorandum of Cooperation in renewable energy'],
      ['roadmap', 'Roadmap for expanding cargo transit between Kazakhstan and Georgia'],
    ]);
    expect(list[0]).toMatchObject({ parties: ['GE', 'KZ'], signed: PUB });
  });

  it('reads a portfolio of joint projects with count, value, jobs and status', () => {
    const fact = facts(
      'Kazakhstan and Tajikistan are implementing 25 joint projects worth $900 million, creating 6 thousand jobs.',
    ).find((f) => f.kind === 'project_portfolio');
    expect(fact).toMatchObject({
      count: 25,
      value: 900e6,
      jobs: 6000,
      status: 'in_progress',
      scope: { countries: ['KZ', 'TJ'] },
    });
  });

  it('reads a meeting with its ordinal, place and chairs', () => {
    const text =
      'Kazakhstan and Kyrgyzstan reviewed cooperation. The 9th meeting of the Intergovernmental Council was held in Bishkek, chaired by Olzhas Bektenov and Akylbek Zhaparov.';
    const meeting = facts(text).find((f) => f.kind === 'meeting');
    expect(meeting).toMatchObject({
      number: 9,
      place: 'Bishkek',
      chairs: ['Olzhas Bektenov', 'Akylbek Japarov'],
    });
  });

  it('reads roles and spells a name one way', () => {
    const people = facts(
      'Prime Minister of Belarus Roman Golovchenko met Kyrgyz President Sadyr Zhaparov.',
    ).filter((f) => f.kind === 'person_role');
    expect(people.map((p) => p.kind === 'person_role' && [p.name, p.country])).toEqual([
      ['Roman Golovchenko', 'BY'],
      ['Sadyr Japarov', 'KG'],
    ]);
  });
});

describe('Russian (lexicon ru)', () => {
  const ruFacts = (text: string, published = '2024-11-20') =>
    extractFacts(text, { published, language: 'ru' });
  const ruTurnover = (text: string, published?: string) =>
    one(ruFacts(text, published).filter((f): f is TradeTurnover => f.kind === 'trade_turnover'));
  const ruTarget = (text: string) =>
    one(ruFacts(text).filter((f): f is TradeTarget => f.kind === 'trade_target'));

  it('reads a year’s turnover with a decimal comma and inflected country names', () => {
    expect(
      ruTurnover(
        'По итогам 2023 года товарооборот между Казахстаном и Узбекистаном составил 4,5 млрд долларов.',
      ),
    ).toMatchObject({
      scope: { countries: ['KZ', 'UZ'] },
      value: 4.5e9,
      currency: 'USD',
      period: { from: '2023-01', to: '2023-12' },
      bound: 'exact',
    });
  });

  it('reads a month range, "превысила" as over, and the change', () => {
    expect(
      ruTurnover(
        'За январь–сентябрь 2024 года взаимная торговля Казахстана и Кыргызстана превысила 1,2 млрд долларов, увеличившись на 1,6%.',
      ),
    ).toMatchObject({ period: { from: '2024-01', to: '2024-09' }, bound: 'over', change_pct: 1.6 });
  });

  it('reads "в прошлом году", "почти" and roubles', () => {
    expect(
      ruTurnover('В прошлом году товарооборот России и Беларуси достиг почти 4 трлн рублей.'),
    ).toMatchObject({
      period: { from: '2023-01', to: '2023-12' },
      bound: 'about',
      value: 4e12,
      currency: 'RUB',
    });
  });

  it('reads months of last year and a hyphenated adjective pair', () => {
    expect(
      ruTurnover(
        'За 11 месяцев прошлого года казахстанско-кыргызский товарооборот вырос на 12% и достиг 1,3 млрд долларов.',
      ),
    ).toMatchObject({
      scope: { countries: ['KG', 'KZ'] },
      period: { from: '2023-01', to: '2023-11' },
      change_pct: 12,
    });
  });

  it('reads exports with the exporter in the genitive and the half year', () => {
    expect(
      ruTurnover(
        'Экспорт Узбекистана в Таджикистан за первое полугодие 2024 года составил 300 млн долларов.',
      ),
    ).toMatchObject({
      flow: 'exports',
      from: 'UZ',
      to: 'TJ',
      period: { from: '2024-01', to: '2024-06' },
    });
  });

  it('reads a decrease', () => {
    expect(
      ruTurnover(
        'В 2023 году товарооборот Казахстана и Туркменистана сократился на 5,2% и составил 800 млн долларов.',
      ).change_pct,
    ).toBe(-5.2);
  });

  it('reads a bloc’s mutual trade', () => {
    expect(ruTurnover('Взаимная торговля стран ЕАЭС в 2023 году составила 92 млрд долларов.').scope).toEqual({
      group: 'EAEU',
    });
  });

  it('reads goals with "довести до", "к 2030 году" and "в среднесрочной перспективе"', () => {
    expect(
      ruTarget('Казахстан и Узбекистан договорились довести товарооборот до 10 млрд долларов к 2030 году.'),
    ).toMatchObject({
      value: 10e9,
      by: '2030',
    });
    expect(
      ruTarget(
        'Главы государств поставили задачу увеличить товарооборот между Таджикистаном и Узбекистаном до 2 млрд долларов в среднесрочной перспективе.',
      ),
    ).toMatchObject({ scope: { countries: ['TJ', 'UZ'] }, by: null, horizon: 'medium' });
  });

  it('does not read an observation as a goal', () => {
    expect(
      ruFacts('В 2023 году товарооборот Казахстана и Китая увеличился до 41 млрд долларов.').map(
        (f) => f.kind,
      ),
    ).toEqual(['trade_turnover']);
  });
});
