// Opaque keyset cursors: the last row's sort key, base64url-encoded JSON.
import { ValidationError } from '../errors.js';

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks its shape; a tampered or foreign cursor is a ValidationError. */
export function decodeCursor<T>(cursor: string, check: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!check(value))
    throw new ValidationError('invalid cursor', [
      { field: 'cursor', reason: 'not a cursor this list gave out' },
    ]);
  return value;
}
