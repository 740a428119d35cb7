// Records of cooperation and transport stated in the articles of ../shared/corpus (the five seeds and a
// few dev articles), entered as data for the demo: bodies, meetings, documents signed, commitments,
// projects, portfolios, corridors, infrastructure and checkpoints, each with the citation (title,
// publisher, date, URL) of the article that states it — facts only, never the articles' sentences.
//
// Coordinates are not stated by the articles; those given here are of the cities named (approximate,
// WGS 84), and a railway or road is drawn as a straight line between its termini: a schematic, not a route.
import type { Citation } from '../../records/index.js';

export interface DemoRecord {
  /** A name for links between demo records (not stored). */
  key: string;
  kind: string;
  fields: Record<string, unknown>;
  countries?: string[];
  /** Ref fields given by the key of another demo record. */
  refs?: Record<string, string>;
  links?: { to: string; relation: 'discussed_at' | 'agreed_in' | 'part_of' | 'concerns' | 'related' }[];
  sources: Citation[];
}

const EAEU_COUNCIL_2024: Citation = {
  title: 'Kazakh PM Outlines Key Areas for EAEU Cooperation at Eurasian Intergovernmental Council',
  publisher: 'astanatimes.com',
  published: '2024-02-02',
};
const EURASIAN_PARTNERSHIP_2024: Citation = {
  title: 'Eurasian Partnership 2024: strengthening bilateral relations',
  publisher: 'journal-neo.su',
  published: '2024-03-09',
};
const KZ_UZ_COMMISSION_21: Citation = {
  title: 'Olzhas Bektenov and Abdulla Aripov discussed the pace of trade and economic cooperation',
  publisher: 'primeminister.kz',
  published: '2024-07-12',
};
const CA_CONSULTATIVE_5: Citation = {
  title: 'Kazakhstan strengthens its position as a transit hub of Eurasia',
  publisher: 'lightsportnews.com',
  published: '2023-09-14',
  url: 'https://lightsportnews.com/kazakhstan-strengthens-its-position-as-a-transit-hub-of-eurasia/',
};
const KZ_KG_COUNCIL_12: Citation = {
  title: 'Kazakhstan and Kyrgyzstan convene 12th meeting of Intergovernmental Council in Bishkek',
  publisher: 'daryo.uz',
  published: '2024-12-05',
};
const KZ_KG_COUNCIL_10: Citation = {
  title: 'Kazakhstan, Kyrgyzstan plan to raise mutual trade to $2bn',
  publisher: 'en.inform.kz',
  published: '2022-04-29',
  url: 'https://en.inform.kz/news/kazakhstan-kyrgyzstan-plan-to-raise-mutual-trade-to-2bn_a3928560/',
};
const KZ_UZ_MINISTERS_2024: Citation = {
  title: 'Kazakhstan, Uzbekistan sign protocol on mutual cooperation expansion',
  publisher: 'astanatimes.com',
  published: '2024-01-08',
  url: 'https://astanatimes.com/2024/01/kazakhstan-uzbekistan-sign-protocol-on-mutual-cooperation-expansion/',
};
const KZ_UZ_PROJECTS_2025: Citation = {
  title:
    "Uzbek President Highlights Regional Integration Ahead Of Central Asian Leaders' Meeting In Tashkent",
  publisher: 'menafn.com',
  published: '2025-11-15',
  url: 'https://menafn.com/1110348182/Uzbek-President-Highlights-Regional-Integration-Ahead-Of-Central-Asian-Leaders-Meeting-In-Tashkent',
};
const KG_KZ_TRADE_3BN: Citation = {
  title: 'Kyrgyzstan and Kazakhstan aim to boost trade turnover to $3 billion',
  publisher: 'en.trend.az',
  published: '2024-05-24',
  url: 'https://en.trend.az/casia/kyrgyzstan/3903697.html',
};

const person = (name: string, country: string | null, role: string, from?: string, to?: string) => ({
  name,
  country,
  role,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
});
const CENTRAL_ASIA = ['KG', 'KZ', 'TJ', 'TM', 'UZ'];

export const DEMO_RECORDS: readonly DemoRecord[] = [
  // ---- Bodies ----
  {
    key: 'eaeu-council',
    kind: 'body',
    fields: { name: 'Eurasian Intergovernmental Council', type: 'council', bloc: 'EAEU', chairs: [] },
    countries: ['AM', 'BY', 'KG', 'KZ', 'RU'],
    sources: [EAEU_COUNCIL_2024],
  },
  {
    key: 'kz-uz-commission',
    kind: 'body',
    fields: {
      name: 'Kazakhstan–Uzbekistan Joint Intergovernmental Commission on Bilateral Cooperation',
      type: 'commission',
      chairs: [
        person('Olzhas Bektenov', 'KZ', 'Prime Minister', '2024-07-12'),
        person('Abdulla Aripov', 'UZ', 'Prime Minister', '2024-07-12'),
      ],
    },
    countries: ['KZ', 'UZ'],
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-kg-council',
    kind: 'body',
    fields: {
      name: 'Kazakhstan–Kyrgyzstan Intergovernmental Council',
      type: 'council',
      chairs: [
        person('Alikhan Smailov', 'KZ', 'Prime Minister', '2022-04-29', '2022-04-29'),
        person('Olzhas Bektenov', 'KZ', 'Prime Minister', '2024-12-05'),
        person('Akylbek Japarov', 'KG', 'Chairman of the Cabinet of Ministers', '2022-04-29'),
      ],
    },
    countries: ['KG', 'KZ'],
    sources: [KZ_KG_COUNCIL_10, KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-supreme-council',
    kind: 'body',
    fields: { name: 'Kazakhstan–Kyrgyzstan Supreme Interstate Council', type: 'council', chairs: [] },
    countries: ['KG', 'KZ'],
    sources: [KG_KZ_TRADE_3BN],
  },
  {
    key: 'ca-consultative',
    kind: 'body',
    fields: {
      name: 'Consultative Meeting of the Heads of State of Central Asia',
      type: 'summit',
      bloc: 'CENTRAL_ASIA',
      chairs: [],
    },
    countries: CENTRAL_ASIA,
    sources: [CA_CONSULTATIVE_5],
  },

  // ---- Meetings ----
  {
    key: 'eaeu-council-2024-02',
    kind: 'meeting',
    refs: { body_id: 'eaeu-council' },
    fields: {
      starts_on: '2024-02-02',
      place: 'Almaty',
      place_country: 'KZ',
      chairs: [person('Nikol Pashinyan', 'AM', 'Prime Minister')],
      participants: [
        person('Alikhan Smailov', 'KZ', 'Prime Minister'),
        person('Roman Golovchenko', 'BY', 'Prime Minister'),
        person('Mikhail Mishustin', 'RU', 'Chairman of the Government'),
        person('Adylbek Kasymaliev', 'KG', 'First Deputy Chairman of the Cabinet of Ministers'),
        person('Bakytzhan Sagintayev', null, 'Chairman of the Eurasian Economic Commission'),
      ],
      summary:
        'Transit and transport infrastructure, industrial cooperation (a financing mechanism for joint projects), a common market without barriers, dialogue with third countries.',
    },
    sources: [EAEU_COUNCIL_2024, EURASIAN_PARTNERSHIP_2024],
  },
  {
    key: 'kz-kg-heads-of-government-2024-02',
    kind: 'meeting',
    fields: {
      title: 'Talks of the heads of government of Kazakhstan and Kyrgyzstan',
      starts_on: '2024-02-01',
      ends_on: '2024-02-02',
      place: 'Almaty',
      place_country: 'KZ',
      participants: [
        person('Alikhan Smailov', 'KZ', 'Prime Minister'),
        person('Akylbek Japarov', 'KG', 'Chairman of the Cabinet of Ministers'),
      ],
      summary:
        'Held beside the Eurasian Intergovernmental Council: trade towards $2 billion, oil and gas, water and energy, an additional freight checkpoint on the border.',
    },
    countries: ['KG', 'KZ'],
    sources: [EAEU_COUNCIL_2024, EURASIAN_PARTNERSHIP_2024],
  },
  {
    key: 'kz-uz-commission-21',
    kind: 'meeting',
    refs: { body_id: 'kz-uz-commission' },
    fields: {
      ordinal: 21,
      starts_on: '2024-07-12',
      place: 'Almaty',
      place_country: 'KZ',
      chairs: [
        person('Olzhas Bektenov', 'KZ', 'Prime Minister'),
        person('Abdulla Aripov', 'UZ', 'Prime Minister'),
      ],
      summary:
        'Trade, investment, water and energy, transport, industry, agriculture, ecology and digitalization; the joint industrial projects; railway and road bottlenecks.',
    },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-uz-commission-20',
    kind: 'meeting',
    refs: { body_id: 'kz-uz-commission' },
    fields: {
      ordinal: 20,
      place: 'Tashkent',
      place_country: 'UZ',
      summary:
        'Held in May 2023 (the day is not stated); a trade mission of Kazakh suppliers took place beside it.',
    },
    sources: [KZ_UZ_MINISTERS_2024],
  },
  {
    key: 'kz-uz-trade-ministers-2024-01',
    kind: 'meeting',
    fields: {
      title: 'Meeting of the trade ministers of Kazakhstan and Uzbekistan',
      starts_on: '2024-01-05',
      place: 'Tashkent',
      place_country: 'UZ',
      participants: [
        person('Arman Shakkaliyev', 'KZ', 'Minister of Trade and Integration'),
        person('Laziz Kudratov', 'UZ', 'Minister of Investment, Industry and Trade'),
      ],
      summary:
        'Roadmaps signed after the state visit of December 2022, transit, modernization of border checkpoints, the fourth Forum of Interregional Cooperation.',
    },
    countries: ['KZ', 'UZ'],
    sources: [KZ_UZ_MINISTERS_2024],
  },
  {
    key: 'kz-kg-council-10',
    kind: 'meeting',
    refs: { body_id: 'kz-kg-council' },
    fields: {
      ordinal: 10,
      starts_on: '2022-04-29',
      place: 'Bishkek',
      place_country: 'KG',
      chairs: [
        person('Alikhan Smailov', 'KZ', 'Prime Minister'),
        person('Akylbek Japarov', 'KG', 'Chairman of the Cabinet of Ministers'),
      ],
      summary:
        'Trade and economy, water and energy, transport and logistics, food, investment; mutual trade towards $2 billion.',
    },
    sources: [KZ_KG_COUNCIL_10],
  },
  {
    key: 'kz-kg-council-12',
    kind: 'meeting',
    refs: { body_id: 'kz-kg-council' },
    fields: {
      ordinal: 12,
      starts_on: '2024-12-05',
      place: 'Bishkek',
      place_country: 'KG',
      chairs: [
        person('Olzhas Bektenov', 'KZ', 'Prime Minister'),
        person('Akylbek Japarov', 'KG', 'Chairman of the Cabinet of Ministers'),
      ],
      summary:
        'Transport and logistics, industry, water and energy; trade of $3 billion by 2030; checkpoints on the border; the Almaty–Issyk-Kul road.',
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-supreme-council-6',
    kind: 'meeting',
    refs: { body_id: 'kz-kg-supreme-council' },
    fields: {
      ordinal: 6,
      starts_on: '2024-04-18',
      ends_on: '2024-04-19',
      place_country: 'KZ',
      summary:
        'Held during the official visit of the President of Kyrgyzstan to Kazakhstan on 18–19 April 2024.',
    },
    sources: [KG_KZ_TRADE_3BN],
  },
  {
    key: 'ca-consultative-5',
    kind: 'meeting',
    refs: { body_id: 'ca-consultative' },
    fields: {
      ordinal: 5,
      starts_on: '2023-09-14',
      place: 'Dushanbe',
      place_country: 'TJ',
      participants: [person('Kassym-Jomart Tokayev', 'KZ', 'President')],
      summary:
        'Intraregional trade towards $15 billion, a unified electronic database of commodity producers, industrial cooperation, transport bottlenecks; the President of Azerbaijan attended as a guest of honour.',
    },
    sources: [CA_CONSULTATIVE_5],
  },

  // ---- Documents signed ----
  {
    key: 'kz-uz-21-protocol',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-uz-commission-21' },
    fields: {
      type: 'protocol',
      title:
        'Protocol of the 21st meeting of the Joint Intergovernmental Commission on Bilateral Cooperation',
      parties: ['KZ', 'UZ'],
      signed_on: '2024-07-12',
    },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-uz-protocol-2024-01',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-uz-trade-ministers-2024-01' },
    fields: {
      type: 'protocol',
      title: 'Protocol on expanding mutual cooperation',
      parties: ['KZ', 'UZ'],
      signed_on: '2024-01-05',
    },
    sources: [KZ_UZ_MINISTERS_2024],
  },
  {
    key: 'kz-kg-12-protocol',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-council-12' },
    fields: {
      type: 'protocol',
      title: 'Protocol of the 12th meeting of the Intergovernmental Council',
      parties: ['KG', 'KZ'],
      signed_on: '2024-12-05',
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-agri-roadmap',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-council-12' },
    fields: {
      type: 'roadmap',
      title: 'Roadmap for increasing agricultural trade',
      parties: ['KG', 'KZ'],
      signed_on: '2024-12-05',
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-tourism-memorandum',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-council-12' },
    fields: {
      type: 'memorandum',
      title: 'Memorandum of Cooperation in tourism development',
      parties: ['KG', 'KZ'],
      signed_on: '2024-12-05',
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-allied-treaty',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-supreme-council-6' },
    fields: {
      type: 'treaty',
      title: 'Treaty on deepening and expanding allied relations',
      parties: ['KG', 'KZ'],
    },
    sources: [KZ_KG_COUNCIL_12, KG_KZ_TRADE_3BN],
  },
  {
    key: 'kz-kg-checkpoints-roadmap',
    kind: 'signed_document',
    fields: {
      type: 'roadmap',
      title: 'Roadmap for the development of road checkpoints on the Kazakhstan–Kyrgyzstan border',
      parties: ['KG', 'KZ'],
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-10-protocol',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-council-10' },
    fields: {
      type: 'protocol',
      title: 'Protocol of the 10th meeting of the Kazakhstan–Kyrgyzstan Intergovernmental Council',
      parties: ['KG', 'KZ'],
      signed_on: '2022-04-29',
    },
    sources: [KZ_KG_COUNCIL_10],
  },
  {
    key: 'kz-kg-gfc-agreement',
    kind: 'signed_document',
    refs: { meeting_id: 'kz-kg-council-10' },
    fields: {
      type: 'agreement',
      title: 'Agreement on the establishment of GFC Bishkek private limited company',
      parties: ['KG', 'KZ'],
      signed_on: '2022-04-29',
    },
    sources: [KZ_KG_COUNCIL_10],
  },
  {
    key: 'ca-youth-agreement',
    kind: 'signed_document',
    refs: { meeting_id: 'ca-consultative-5' },
    fields: {
      type: 'agreement',
      title: 'Agreement on the general directions of youth policy',
      parties: CENTRAL_ASIA,
      signed_on: '2023-09-14',
    },
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'ca-land-transport-agreement',
    kind: 'signed_document',
    refs: { meeting_id: 'ca-consultative-5' },
    fields: {
      type: 'agreement',
      title: 'Agreement on strengthening the interconnectedness of land transport in the region',
      parties: CENTRAL_ASIA,
      signed_on: '2023-09-14',
    },
    sources: [CA_CONSULTATIVE_5],
  },

  // ---- Commitments ----
  {
    key: 'kz-kg-seven-checkpoints',
    kind: 'commitment',
    refs: { meeting_id: 'kz-kg-council-12', document_id: 'kz-kg-checkpoints-roadmap' },
    fields: {
      text: 'Modernize seven joint road checkpoints on the Kazakhstan–Kyrgyzstan border, with automated inspection systems on the Kazakh side.',
      responsible: 'Governments of Kazakhstan and Kyrgyzstan',
      status: 'in_progress',
      status_history: [
        {
          status: 'in_progress',
          on: '2024-12-05',
          note: 'implementation reviewed at the 12th meeting of the Council',
        },
      ],
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-kg-freight-checkpoint',
    kind: 'commitment',
    refs: { meeting_id: 'kz-kg-heads-of-government-2024-02' },
    fields: {
      text: 'Speed up the opening of an additional checkpoint for freight vehicles on the Kazakhstan–Kyrgyzstan border.',
      responsible: 'Governments of Kazakhstan and Kyrgyzstan',
      status: 'planned',
      status_history: [{ status: 'planned', on: '2024-02-02' }],
    },
    sources: [EAEU_COUNCIL_2024],
  },
  {
    key: 'kz-kg-trade-3bn',
    kind: 'commitment',
    refs: { meeting_id: 'kz-kg-council-12' },
    fields: {
      text: 'Raise mutual trade between Kazakhstan and Kyrgyzstan to $3 billion by 2030.',
      responsible: 'Governments of Kazakhstan and Kyrgyzstan',
      due_on: '2030-12-31',
      status: 'in_progress',
      status_history: [{ status: 'in_progress', on: '2024-12-05' }],
    },
    sources: [KZ_KG_COUNCIL_12, KG_KZ_TRADE_3BN],
  },
  {
    key: 'kz-kg-issyk-kul-resorts',
    kind: 'commitment',
    refs: { meeting_id: 'kz-kg-council-12' },
    fields: {
      text: 'Settle the ownership rights of Kazakhstan’s resort and recreation facilities in the Issyk-Kul region.',
      responsible: 'Governments of Kazakhstan and Kyrgyzstan',
      status: 'planned',
      status_history: [{ status: 'planned', on: '2024-12-05' }],
    },
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kz-uz-trade-10bn',
    kind: 'commitment',
    refs: { meeting_id: 'kz-uz-commission-21' },
    fields: {
      text: 'Bring mutual trade between Kazakhstan and Uzbekistan to $10 billion in the medium term.',
      responsible: 'Governments of Kazakhstan and Uzbekistan (a task set by the heads of state)',
      status: 'in_progress',
      status_history: [{ status: 'in_progress', on: '2024-07-12' }],
    },
    sources: [KZ_UZ_COMMISSION_21, EAEU_COUNCIL_2024],
  },
  {
    key: 'kz-uz-electrical-supplies',
    kind: 'commitment',
    refs: { meeting_id: 'kz-uz-commission-21' },
    fields: {
      text: 'Increase mutual supplies of electrical products and batteries every year (cooperation in mechanical engineering).',
      responsible: 'Governments of Kazakhstan and Uzbekistan',
      status: 'planned',
      status_history: [{ status: 'planned', on: '2024-07-12' }],
    },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'eaeu-project-financing',
    kind: 'commitment',
    refs: { meeting_id: 'eaeu-council-2024-02' },
    fields: {
      text: 'Launch in 2024 a mechanism of financial assistance for joint industrial cooperation projects of the EAEU.',
      responsible: 'EAEU member states and the Eurasian Economic Commission',
      due_on: '2024-12-31',
      status: 'planned',
      status_history: [{ status: 'planned', on: '2024-02-02' }],
    },
    sources: [EAEU_COUNCIL_2024],
  },
  {
    key: 'ca-next-consultative-in-kz',
    kind: 'commitment',
    refs: { meeting_id: 'ca-consultative-5' },
    fields: {
      text: 'Hold the next Consultative Meeting of the Heads of State of Central Asia in Kazakhstan.',
      responsible: 'Kazakhstan',
      status: 'planned',
      status_history: [{ status: 'planned', on: '2023-09-14' }],
    },
    sources: [CA_CONSULTATIVE_5],
  },

  // ---- Joint projects ----
  {
    key: 'taraz-steel',
    kind: 'project',
    countries: ['KZ', 'UZ'],
    fields: {
      name: 'Electrometallurgical plant in Taraz',
      sector: 'metallurgy',
      hs_codes: ['72'],
      capacity: '500 thousand tonnes of steel products a year',
      location: 'Taraz, Zhambyl Region, Kazakhstan',
      lat: 42.9,
      lon: 71.37,
      status: 'planned',
    },
    links: [{ to: 'kz-uz-commission-21', relation: 'discussed_at' }],
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'icic-central-asia',
    kind: 'project',
    countries: ['KZ', 'UZ'],
    fields: {
      name: 'International Center for Industrial Cooperation “Central Asia”',
      sector: 'industrial zone',
      capacity: '100 hectares',
      location: 'on the border of Turkestan Region (Kazakhstan) and Uzbekistan',
      status: 'under_construction',
    },
    links: [{ to: 'kz-uz-commission-21', relation: 'discussed_at' }],
    sources: [KZ_UZ_COMMISSION_21, KZ_UZ_MINISTERS_2024],
  },
  {
    key: 'karasu-logistics',
    kind: 'project',
    countries: ['KG', 'KZ'],
    fields: {
      name: 'Industrial, trade and logistics complex at the Karasu and Ak-Tilek checkpoints',
      sector: 'logistics',
      location: 'Kazakhstan–Kyrgyzstan border, at the Karasu and Ak-Tilek road checkpoints',
      status: 'planned',
    },
    links: [
      { to: 'kz-kg-council-12', relation: 'discussed_at' },
      { to: 'karasu-ak-tilek', relation: 'concerns' },
    ],
    sources: [KZ_KG_COUNCIL_12, EURASIAN_PARTNERSHIP_2024],
  },
  {
    key: 'alatau-zone',
    kind: 'project',
    countries: ['KG', 'KZ'],
    fields: {
      name: 'Regional industrial zone “Alatau”',
      sector: 'industrial zone',
      location: 'Zhambyl Region, Kazakhstan',
      status: 'under_construction',
    },
    links: [{ to: 'kz-kg-council-12', relation: 'discussed_at' }],
    sources: [KZ_KG_COUNCIL_12],
  },
  {
    key: 'kg-solar-50',
    kind: 'project',
    countries: ['KG', 'KZ'],
    fields: {
      name: 'Solar power plant of 50 MW in Kyrgyzstan built by Kazakh investors',
      sector: 'energy',
      capacity: '50 MW',
      location: 'Kyrgyzstan',
      status: 'planned',
    },
    links: [{ to: 'kz-kg-heads-of-government-2024-02', relation: 'discussed_at' }],
    sources: [EURASIAN_PARTNERSHIP_2024],
  },
  {
    key: 'by-uz-trading-company',
    kind: 'project',
    countries: ['BY', 'UZ'],
    fields: {
      name: 'Joint foreign trade company of Belarus and Uzbekistan',
      sector: 'trade',
      status: 'planned',
    },
    sources: [EURASIAN_PARTNERSHIP_2024],
  },
  {
    key: 'belaz-uz',
    kind: 'project',
    countries: ['BY', 'UZ'],
    fields: {
      name: 'Joint venture with BELAZ to produce dump trucks in Uzbekistan',
      sector: 'machinery',
      hs_codes: ['8704'],
      location: 'Uzbekistan',
      status: 'planned',
    },
    sources: [EURASIAN_PARTNERSHIP_2024],
  },

  // ---- Portfolios as stated ----
  {
    key: 'kz-uz-portfolio-2024',
    kind: 'portfolio',
    countries: ['KZ', 'UZ'],
    fields: {
      status: 'all',
      count: 69,
      value: 3_100_000_000,
      currency: 'USD',
      jobs: 14_700,
      as_of: '2024-07-12',
    },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-uz-implemented-2024',
    kind: 'portfolio',
    countries: ['KZ', 'UZ'],
    fields: {
      status: 'implemented',
      count: 12,
      value: 217_000_000,
      currency: 'USD',
      jobs: 4_500,
      as_of: '2024-07-12',
    },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-uz-in-progress-2024',
    kind: 'portfolio',
    countries: ['KZ', 'UZ'],
    fields: { status: 'in_progress', count: 3, value: 178_000_000, currency: 'USD', as_of: '2024-07-12' },
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'kz-uz-implemented-2025',
    kind: 'portfolio',
    countries: ['KZ', 'UZ'],
    fields: { status: 'implemented', value: 1_300_000_000, currency: 'USD', as_of: '2025-11-15' },
    sources: [KZ_UZ_PROJECTS_2025],
  },

  // ---- Corridors ----
  {
    key: 'middle-corridor',
    kind: 'corridor',
    countries: ['AZ', 'GE', 'KZ'],
    fields: { name: 'Trans-Caspian International Transport Route', modes: ['rail', 'sea', 'road'] },
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'ecab',
    kind: 'corridor',
    countries: ['KG', 'KZ'],
    fields: {
      name: 'Almaty–Bishkek Economic Corridor',
      modes: ['road'],
      description:
        'Projects in transport connectivity, tourism, air quality, health, agribusiness and climate.',
    },
    sources: [KZ_KG_COUNCIL_12],
  },

  // ---- Infrastructure ----
  {
    key: 'darbaza-maktaaral',
    kind: 'infrastructure',
    countries: ['KZ', 'UZ'],
    fields: { name: 'Darbaza–Maktaaral railway', type: 'railway', stage: 'planned' },
    links: [
      { to: 'kz-uz-commission-21', relation: 'discussed_at' },
      { to: 'ca-consultative-5', relation: 'discussed_at' },
    ],
    sources: [KZ_UZ_COMMISSION_21, CA_CONSULTATIVE_5],
  },
  {
    key: 'almaty-ring-road',
    kind: 'infrastructure',
    countries: ['KZ', 'UZ'],
    fields: { name: 'Almaty ring road', type: 'road', stage: 'planned' },
    links: [{ to: 'kz-uz-commission-21', relation: 'discussed_at' }],
    sources: [KZ_UZ_COMMISSION_21],
  },
  {
    key: 'dostyk-moyynty',
    kind: 'infrastructure',
    countries: ['KZ'],
    fields: {
      name: 'Dostyk–Moyynty railway',
      type: 'railway',
      stage: 'planned',
      geometry: {
        type: 'LineString',
        coordinates: [
          [82.48, 45.25],
          [73.37, 47.21],
        ],
      },
    },
    links: [{ to: 'ca-consultative-5', relation: 'discussed_at' }],
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'bakhty-ayagoz',
    kind: 'infrastructure',
    countries: ['KZ'],
    fields: {
      name: 'Bakhty–Ayagoz railway',
      type: 'railway',
      stage: 'planned',
      geometry: {
        type: 'LineString',
        coordinates: [
          [82.73, 46.68],
          [80.44, 47.96],
        ],
      },
    },
    links: [{ to: 'ca-consultative-5', relation: 'discussed_at' }],
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'zhanaozen-turkmenistan',
    kind: 'infrastructure',
    countries: ['KZ', 'TM'],
    fields: { name: 'Zhanaozen–Turkmenistan border highway', type: 'road', stage: 'planned' },
    links: [{ to: 'ca-consultative-5', relation: 'discussed_at' }],
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'aktau-container-hub',
    kind: 'infrastructure',
    countries: ['KZ'],
    refs: { corridor_id: 'middle-corridor' },
    fields: {
      name: 'Container hub at the port of Aktau',
      type: 'hub',
      stage: 'planned',
      geometry: { type: 'Point', coordinates: [51.17, 43.65] },
    },
    links: [{ to: 'ca-consultative-5', relation: 'discussed_at' }],
    sources: [CA_CONSULTATIVE_5],
  },
  {
    key: 'almaty-issyk-kul',
    kind: 'infrastructure',
    countries: ['KG', 'KZ'],
    refs: { corridor_id: 'ecab' },
    fields: {
      name: 'Almaty–Issyk-Kul motorway (Almaty–Cholpon-Ata)',
      type: 'road',
      length_km: 280,
      stage: 'planned',
      geometry: {
        type: 'LineString',
        coordinates: [
          [76.95, 43.24],
          [77.08, 42.65],
        ],
      },
    },
    links: [{ to: 'kz-kg-council-12', relation: 'discussed_at' }],
    sources: [KZ_KG_COUNCIL_12],
  },

  // ---- Checkpoints ----
  {
    key: 'karasu-ak-tilek',
    kind: 'checkpoint',
    fields: {
      name_a: 'Karasu',
      country_a: 'KZ',
      name_b: 'Ak-Tilek',
      country_b: 'KG',
      mode: 'road',
      stage: 'operating',
    },
    sources: [KZ_KG_COUNCIL_12],
  },
];
