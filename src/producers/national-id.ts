// National business identifiers of the region, checked by country: the format, and the check digit where
// the scheme has one. A pure function: the identifier as given → the normalized identifier, or the reason.

export type NationalIdCheck = { ok: true; value: string; scheme: string } | { ok: false; reason: string };

const digits = (s: string) => [...s].map(Number);

function weighted(ds: number[], weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + w * ds[i]!, 0);
}

/** Kazakhstan BIN/IIN: the 12th digit is the sum mod 11 with weights 1…11, or with 3…11, 1, 2 when that gives 10. */
function kazakhstan(id: string): string | null {
  if (!/^\d{12}$/.test(id)) return 'must be 12 digits (BIN or IIN)';
  const ds = digits(id);
  let check = weighted(ds, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
  if (check === 10) check = weighted(ds, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
  if (check === 10) return 'is not a valid BIN/IIN: no check digit can be computed for it';
  return check === ds[11] ? null : `check digit is ${ds[11]}, the number gives ${check}`;
}

/** Russia INN: 10 digits (companies, one check digit) or 12 (individuals, two). */
function russia(id: string): string | null {
  const check = (ds: number[], weights: readonly number[]) => (weighted(ds, weights) % 11) % 10;
  const ds = digits(id);
  if (/^\d{10}$/.test(id)) {
    const c = check(ds, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
    return c === ds[9] ? null : `check digit is ${ds[9]}, the number gives ${c}`;
  }
  if (/^\d{12}$/.test(id)) {
    const c11 = check(ds, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    const c12 = check(ds, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
    return c11 === ds[10] && c12 === ds[11]
      ? null
      : `check digits are ${ds[10]}${ds[11]}, the number gives ${c11}${c12}`;
  }
  return 'must be 10 digits (a company’s INN) or 12 (an individual’s)';
}

/** Belarus UNP of a legal entity: 9 digits, the last the sum mod 11 with weights 29, 23, 19, 17, 13, 7, 5, 3. */
function belarus(id: string): string | null {
  if (!/^\d{9}$/.test(id)) return 'must be 9 digits (UNP)';
  const ds = digits(id);
  const check = weighted(ds, [29, 23, 19, 17, 13, 7, 5, 3]) % 11;
  if (check === 10) return 'is not a valid UNP: no check digit can be computed for it';
  return check === ds[8] ? null : `check digit is ${ds[8]}, the number gives ${check}`;
}

const SCHEMES: Readonly<Record<string, { scheme: string; check: (id: string) => string | null }>> = {
  KZ: { scheme: 'BIN/IIN', check: kazakhstan },
  RU: { scheme: 'INN', check: russia },
  BY: { scheme: 'UNP', check: belarus },
  UZ: { scheme: 'STIR', check: (id) => (/^\d{9}$/.test(id) ? null : 'must be 9 digits (STIR)') },
  KG: { scheme: 'INN', check: (id) => (/^\d{14}$/.test(id) ? null : 'must be 14 digits (INN)') },
  TJ: { scheme: 'INN', check: (id) => (/^\d{9}$/.test(id) ? null : 'must be 9 digits (INN)') },
};

/** The countries whose identifiers are checked (others are kept as given, after trimming). */
export const CHECKED_COUNTRIES = Object.keys(SCHEMES);

/** Checks a national identifier for a country; spaces and dashes between digits are dropped first. */
export function checkNationalId(country: string, given: string): NationalIdCheck {
  const scheme = SCHEMES[country];
  if (!scheme) {
    const value = given.trim();
    if (value.length > 40) return { ok: false, reason: 'is longer than 40 characters' };
    return { ok: true, value, scheme: 'national' };
  }
  const value = given.replace(/[\s-]/g, '');
  const problem = scheme.check(value);
  return problem ? { ok: false, reason: problem } : { ok: true, value, scheme: scheme.scheme };
}
