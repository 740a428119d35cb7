// ISO 4217 currencies, from the currency-codes package.
import currencyCodes from 'currency-codes';

export interface CurrencyRecord {
  code: string;
  numeric: string | null;
  name: string;
  minorUnits: number | null;
}

export function buildCurrencies(): CurrencyRecord[] {
  return currencyCodes.data
    .map((c) => ({
      code: c.code,
      numeric: c.number ? c.number.padStart(3, '0') : null,
      name: c.currency,
      minorUnits: typeof c.digits === 'number' ? c.digits : null,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
