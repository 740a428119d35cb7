// Versions of editable records as HTTP entity tags: the ETag a read gives is the If-Match an update sends.
import { ValidationError } from '../errors.js';

/** The ETag of a record at a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** Reads the version an update was based on from If-Match ("3", W/"3" or 3). */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) {
    throw new ValidationError('If-Match is required: send the version you read (the ETag of the record)', [
      { field: 'If-Match', reason: 'required' },
    ]);
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m)
    throw new ValidationError('If-Match must be the version of the record, e.g. "3"', [
      { field: 'If-Match', value, reason: 'not a version' },
    ]);
  return Number(m[1]);
}
