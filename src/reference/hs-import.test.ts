import { describe, expect, it } from 'vitest';
import { parseHsRow } from './hs-import.js';

const row = (values: Partial<Record<'section' | 'hscode' | 'description' | 'parent' | 'level', string>>) => ({
  section: 'XV',
  hscode: '7403',
  description: 'Copper; refined and copper alloys, unwrought',
  parent: '74',
  level: '4',
  ...values,
});

describe('parseHsRow', () => {
  it('reads a heading with its parent, section and version', () => {
    expect(parseHsRow(row({}), 7, 'HS2022')).toEqual({
      version: 'HS2022',
      code: '7403',
      level: 4,
      parent: '74',
      section: 'XV',
      title: 'Copper; refined and copper alloys, unwrought',
      description: 'Copper; refined and copper alloys, unwrought',
    });
  });

  it('gives a chapter its short title and no parent', () => {
    const parsed = parseHsRow(
      row({ hscode: '74', level: '2', parent: 'TOTAL', description: 'Copper and articles thereof' }),
      2,
      'HS2022',
    );
    expect(parsed).toMatchObject({
      code: '74',
      parent: null,
      title: 'Copper',
      description: 'Copper and articles thereof',
    });
  });

  it('skips the root row of the nomenclature', () => {
    expect(parseHsRow(row({ hscode: 'TOTAL', level: '5', section: 'TOTAL' }), 9, 'HS2022')).toBe('skip');
  });

  it('refuses a code that is not 2, 4 or 6 digits', () => {
    expect(parseHsRow(row({ hscode: '74031' }), 4, 'HS2022')).toMatchObject({
      line: 4,
      field: 'hscode',
      value: '74031',
    });
    expect(parseHsRow(row({ hscode: '74a3' }), 5, 'HS2022')).toMatchObject({ field: 'hscode' });
  });

  it('refuses a level that does not fit the code', () => {
    expect(parseHsRow(row({ level: '6' }), 3, 'HS2022')).toMatchObject({
      field: 'level',
      reason: 'must be 4 for a 4-digit code',
    });
  });

  it('refuses a parent that is not the code prefix', () => {
    expect(parseHsRow(row({ parent: '73' }), 3, 'HS2022')).toMatchObject({ field: 'parent', value: '73' });
  });

  it('refuses an empty description and a section that is not a Roman numeral', () => {
    expect(parseHsRow(row({ description: '' }), 3, 'HS2022')).toMatchObject({ field: 'description' });
    expect(parseHsRow(row({ section: 'XVZ' }), 3, 'HS2022')).toMatchObject({ field: 'section' });
  });
});
