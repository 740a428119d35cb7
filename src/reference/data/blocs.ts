// Blocs and their membership over time. A membership holds from `from` (inclusive) until `until`
// (exclusive; absent while it lasts). Dates are those of entry into force or accession.

export interface BlocDefinition {
  code: string;
  kind: 'customs_union' | 'economic_union' | 'region' | 'organization';
  founded: string | null;
  names: Record<string, string>;
  members: { country: string; from: string; until?: string; role?: 'member' | 'associate'; note?: string }[];
}

function all(countries: string[], from: string, note?: string): BlocDefinition['members'] {
  return countries.map((country) => ({ country, from, ...(note ? { note } : {}) }));
}

export const BLOCS: readonly BlocDefinition[] = [
  {
    code: 'EAEU',
    kind: 'economic_union',
    founded: '2015-01-01',
    names: {
      en: 'Eurasian Economic Union',
      ru: 'Евразийский экономический союз',
      kk: 'Еуразиялық экономикалық одақ',
      uz: 'Yevroosiyo iqtisodiy ittifoqi',
      ky: 'Евразия экономикалык бирлиги',
      be: 'Еўразійскі эканамічны саюз',
    },
    members: [
      ...all(['RU', 'BY', 'KZ'], '2015-01-01', 'founding member (treaty in force 1 January 2015)'),
      { country: 'AM', from: '2015-01-02', note: 'accession treaty in force 2 January 2015' },
      { country: 'KG', from: '2015-08-12', note: 'accession treaty in force 12 August 2015' },
    ],
  },
  {
    code: 'CENTRAL_ASIA',
    kind: 'region',
    founded: null,
    names: {
      en: 'Central Asia',
      ru: 'Центральная Азия',
      kk: 'Орталық Азия',
      uz: 'Markaziy Osiyo',
      ky: 'Борбордук Азия',
      tg: 'Осиёи Марказӣ',
      tk: 'Merkezi Aziýa',
      be: 'Цэнтральная Азія',
    },
    members: all(
      ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
      '1991-12-26',
      'independent since the dissolution of the USSR',
    ),
  },
  {
    code: 'CIS',
    kind: 'organization',
    founded: '1991-12-08',
    names: {
      en: 'Commonwealth of Independent States',
      ru: 'Содружество Независимых Государств',
      kk: 'Тәуелсіз Мемлекеттер Достастығы',
      uz: 'Mustaqil Davlatlar Hamdoʻstligi',
      ky: 'Көз карандысыз мамлекеттердин шериктештиги',
      be: 'Садружнасць Незалежных Дзяржаў',
    },
    members: [
      ...all(['BY', 'RU'], '1991-12-08', 'Belovezha Agreement'),
      {
        country: 'UA',
        from: '1991-12-08',
        until: '2018-05-19',
        note: 'never ratified the Charter; ended participation in the statutory bodies on 19 May 2018',
      },
      ...all(['AM', 'KZ', 'KG', 'MD', 'TJ', 'UZ'], '1991-12-21', 'Alma-Ata Protocol'),
      {
        country: 'TM',
        from: '1991-12-21',
        until: '2005-08-26',
        note: 'Alma-Ata Protocol; associate member from 26 August 2005',
      },
      { country: 'TM', from: '2005-08-26', role: 'associate', note: 'associate member' },
      {
        country: 'AZ',
        from: '1993-09-24',
        note: 'joined after the parliament ratified the Alma-Ata Protocol',
      },
      { country: 'GE', from: '1993-12-03', until: '2009-08-18', note: 'withdrew on 18 August 2009' },
    ],
  },
  {
    code: 'SCO',
    kind: 'organization',
    founded: '2001-06-15',
    names: {
      en: 'Shanghai Cooperation Organisation',
      ru: 'Шанхайская организация сотрудничества',
      kk: 'Шанхай ынтымақтастық ұйымы',
      uz: 'Shanxay hamkorlik tashkiloti',
      ky: 'Шанхай кызматташтык уюму',
      be: 'Шанхайская арганізацыя супрацоўніцтва',
    },
    members: [
      ...all(['CN', 'KZ', 'KG', 'RU', 'TJ', 'UZ'], '2001-06-15', 'founding member'),
      ...all(['IN', 'PK'], '2017-06-09', 'admitted at the Astana summit'),
      { country: 'IR', from: '2023-07-04', note: 'admitted at the New Delhi (virtual) summit' },
      { country: 'BY', from: '2024-07-04', note: 'admitted at the Astana summit' },
    ],
  },
  {
    code: 'EU',
    kind: 'economic_union',
    founded: '1958-01-01',
    names: {
      en: 'European Union',
      ru: 'Европейский союз',
      kk: 'Еуропалық одақ',
      uz: 'Yevropa Ittifoqi',
      ky: 'Европа Биримдиги',
      be: 'Еўрапейскі саюз',
    },
    members: [
      ...all(['BE', 'DE', 'FR', 'IT', 'LU', 'NL'], '1958-01-01', 'founding member of the EEC'),
      ...all(['DK', 'IE'], '1973-01-01'),
      { country: 'GB', from: '1973-01-01', until: '2020-02-01', note: 'left on 31 January 2020' },
      { country: 'GR', from: '1981-01-01' },
      ...all(['ES', 'PT'], '1986-01-01'),
      ...all(['AT', 'FI', 'SE'], '1995-01-01'),
      ...all(['CY', 'CZ', 'EE', 'HU', 'LV', 'LT', 'MT', 'PL', 'SK', 'SI'], '2004-05-01'),
      ...all(['BG', 'RO'], '2007-01-01'),
      { country: 'HR', from: '2013-07-01' },
    ],
  },
];
