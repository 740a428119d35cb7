import { describe, expect, it } from 'vitest';
import { generateProducerRows } from './generate.js';
import { scoreMatch, tonnes } from './match.js';
import { checkNationalId } from './national-id.js';
import { hsPrefixes, naturalKey, phoneDigits, placeKey, websiteHost } from './normalize.js';
import { stageProducer } from './prepare.js';
import { parseProducerRow } from './validate.js';

describe('national identifiers', () => {
  it.each([
    // Russia: 10-digit company INNs (7707083893: 7·2+7·4+0+7·3+0+8·9+3·4+8·6+9·8 = 267; 267 mod 11 = 3) and a
    // 12-digit individual's (500100732259: check digits 5 and 9 worked by hand the same way).
    ['RU', '7707083893'],
    ['RU', '7736050003'],
    ['RU', '500100732259'],
    // Kazakhstan: 020240000555 (sum with weights 1…11 = 137, mod 11 = 5); 000000000101 takes the second weights.
    ['KZ', '020240000555'],
    ['KZ', '000000000101'],
    // Belarus: 100582333 (1·29+5·17+8·13+2·7+3·5+3·3 = 256, mod 11 = 3).
    ['BY', '100582333'],
    ['UZ', '201234567'],
    ['KG', '01234567890123'],
    ['TJ', '123456789'],
  ])('accepts %s %s', (country, id) => {
    expect(checkNationalId(country, id)).toMatchObject({ ok: true, value: id });
  });

  it.each([
    ['RU', '7707083894', /check digit is 4, the number gives 3/],
    ['RU', '77070838', /10 digits/],
    ['KZ', '020240000556', /check digit is 6, the number gives 5/],
    ['KZ', '02024000055', /12 digits/],
    ['BY', '100582334', /check digit/],
    ['UZ', '20123456', /9 digits/],
    ['KG', '0123456789012', /14 digits/],
  ])('refuses %s %s with the reason', (country, id, reason) => {
    const check = checkNationalId(country, id);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it('drops spaces and dashes, and keeps other countries’ identifiers as given', () => {
    expect(checkNationalId('RU', '7707 083-893')).toMatchObject({ ok: true, value: '7707083893' });
    expect(checkNationalId('DE', ' HRB 12345 ')).toMatchObject({ ok: true, value: 'HRB 12345' });
  });
});

describe('what a producer row derives', () => {
  it('expands HS codes to their headings and chapters, and keys places in any script', () => {
    expect(hsPrefixes(['740311', '2523'])).toEqual(['25', '2523', '74', '7403', '740311']);
    expect(placeKey('Karaganda Region')).toBe(placeKey('Қарағанды облысы'));
    expect(placeKey("Farg'ona viloyati")).toBe(placeKey('Fergana'));
    expect(websiteHost('https://www.Kazzinc.com/en')).toBe('kazzinc.com');
    expect(phoneDigits('+7 (727) 123-45-67')).toBe(phoneDigits('8 727 1234567'));
    expect(naturalKey({ country: 'KZ', name: 'ТОО «Алтын»', city: 'Almaty' })).toBe(
      naturalKey({ country: 'KZ', name: 'тоо алтын', city: 'Алматы' }),
    );
  });

  it('digests a producer as stored producers were digested (else every re-import would rewrite them)', () => {
    const input = {
      name: 'ТОО «Тестмет»',
      other_names: [
        { name: 'Testmet LLP', lang: 'en' },
        { name: 'Тестмет', lang: 'kk' },
      ],
      country: 'KZ',
      national_id: '020240000555',
      region: 'Karaganda Region',
      city: 'Караганда',
      address: 'ул. Заводская, 1',
      lat: 49.8,
      lon: 73.1,
      website: 'https://testmet.kz',
      email: 'info@testmet.kz',
      phone: '+7 7212 00 00 00',
      hs_codes: ['740311', '7403'],
      products: 'copper "cathodes"\nand rod',
      export_markets: ['UZ', 'CN'],
      employees: 120,
      capacity: '50 thousand tonnes',
      certifications: ['ISO 9001'],
    };
    // The digest stored with this producer by every release so far.
    expect(stageProducer(1, input).contentHash).toBe('0UCOImoFmEED7R9UHVPO9JVVitc');
    expect(stageProducer(1, { ...input, employees: 121 }).contentHash).not.toBe(
      '0UCOImoFmEED7R9UHVPO9JVVitc',
    );
  });

  const lookups = { countries: new Set(['KZ', 'UZ', 'RU', 'CN']), hsKnown: (c: string) => c.startsWith('7') };

  it('turns a file row into a producer, with lists split on ; and names by language', () => {
    const parsed = parseProducerRow(
      {
        name: 'ТОО «Алтын»',
        name_en: 'Altyn LLP',
        name_local: 'Алтын ЖШС',
        country: 'kz',
        national_id: '020240000555',
        hs_codes: '7403; 740311',
        export_markets: 'cn;uz',
        website: 'altyn.kz',
        employees: '120',
        lat: '43,25',
        lon: '76.9',
      },
      2,
      lookups,
    );
    expect(parsed).toMatchObject({
      input: {
        name: 'ТОО «Алтын»',
        other_names: [
          { name: 'Altyn LLP', lang: 'en' },
          { name: 'Алтын ЖШС', lang: 'kk' },
        ],
        country: 'KZ',
        hs_codes: ['7403', '740311'],
        export_markets: ['CN', 'UZ'],
        website: 'https://altyn.kz',
        employees: 120,
        lat: 43.25,
      },
    });
  });

  it('reports every problem of a row by line, column, value and reason', () => {
    const parsed = parseProducerRow(
      {
        name: '',
        country: 'XX',
        email: 'not-an-address',
        hs_codes: '74A',
        employees: 'many',
        export_markets: 'ZZ',
      },
      7,
      lookups,
    );
    expect('rejected' in parsed && parsed.rejected.map((r) => [r.line, r.field, r.value])).toEqual([
      [7, 'employees', 'many'],
      [7, 'name', ''],
      [7, 'email', 'not-an-address'],
      [7, 'hs_codes', '74A'],
    ]);
    const domain = parseProducerRow({ name: 'X', country: 'XX' }, 8, lookups);
    expect('rejected' in domain && domain.rejected).toEqual([
      { line: 8, field: 'country', value: 'XX', reason: 'not an ISO 3166-1 alpha-2 code' },
    ]);
    const id = parseProducerRow(
      { name: 'X', country: 'RU', national_id: '7707083894', hs_codes: '2523' },
      9,
      lookups,
    );
    expect('rejected' in id && id.rejected.map((r) => r.field)).toEqual(['national_id', 'hs_codes']);
  });
});

describe('matchmaking', () => {
  it('reads quantities in tonnes in English and Russian', () => {
    expect(tonnes('500 t')).toBe(500);
    expect(tonnes('1.2 thousand tonnes of copper per year')).toBe(1200);
    expect(tonnes('250 тыс. тонн')).toBe(250_000);
    expect(tonnes('2 млн тонн')).toBe(2_000_000);
    expect(tonnes('lots')).toBeNull();
  });

  it('ranks the producer of the exact code who exports to the destination and can supply the quantity first', () => {
    const request = {
      codes: ['7403'],
      productKey: 'coper katod',
      destination: 'UZ',
      quantity: 500,
      certKeys: ['iso9001'],
    };
    const base = {
      hs_codes: [],
      products_key: '',
      export_markets: [],
      capacity: null,
      cert_keys: [],
      certifications: [],
      employees: null,
    };
    const exact = scoreMatch(
      {
        ...base,
        hs_prefixes: ['74', '7403'],
        export_markets: ['UZ'],
        capacity: '100 thousand tonnes',
        cert_keys: ['iso9001'],
        certifications: ['ISO 9001'],
      },
      request,
    );
    const chapter = scoreMatch({ ...base, hs_prefixes: ['74', '7408'] }, request);
    const sum = (r: { weight: number }[]) => r.reduce((s, x) => s + x.weight, 0);
    expect(exact.map((r) => r.kind)).toEqual(['hs', 'exports_to', 'capacity', 'certification']);
    expect(chapter.map((r) => r.kind)).toEqual(['hs']);
    expect(sum(exact)).toBeGreaterThan(sum(chapter));
    // Registered under the heading of the subheading asked for: between an exact match and the chapter.
    const subheading = { ...request, codes: ['740311'] };
    const underHeading = scoreMatch({ ...base, hs_codes: ['7403'], hs_prefixes: ['74', '7403'] }, subheading);
    expect(underHeading[0]?.detail).toBe('makes goods of HS 7403, the heading of 740311');
    expect(sum(underHeading)).toBeGreaterThan(
      sum(scoreMatch({ ...base, hs_prefixes: ['74', '7408'] }, subheading)),
    );
    expect(sum(underHeading)).toBeLessThan(
      sum(scoreMatch({ ...base, hs_codes: ['740311'], hs_prefixes: ['74', '7403', '740311'] }, subheading)),
    );
  });
});

describe('the synthetic registry', () => {
  it('is the same for the same seed, and every row passes the import’s checks', () => {
    const a = [...generateProducerRows(300, 5)];
    expect([...generateProducerRows(300, 5)]).toEqual(a);
    expect([...generateProducerRows(300, 6)]).not.toEqual(a);
    const header =
      'name,name_en,name_ru,name_local,country,national_id,region,city,address,lat,lon,website,email,phone,hs_codes,products,export_markets,employees,capacity,certifications'.split(
        ',',
      );
    const lookups = {
      countries: new Set([
        'KZ',
        'UZ',
        'KG',
        'TJ',
        'TM',
        'RU',
        'BY',
        'CN',
        'TR',
        'AF',
        'AZ',
        'IR',
        'DE',
        'MN',
        'IN',
      ]),
      hsKnown: () => true,
    };
    for (const [i, line] of a.entries()) {
      // Fields never hold commas except inside quotes: split on commas outside quotes.
      const fields = line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      const values = Object.fromEntries(header.map((h, j) => [h, fields[j] ?? '']));
      const parsed = parseProducerRow(values, i + 2, lookups);
      expect('input' in parsed, JSON.stringify('rejected' in parsed && parsed.rejected)).toBe(true);
    }
  });
});
