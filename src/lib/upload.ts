// Uploads of table files: the two types accepted, the format a Content-Type names, and a byte limit on
// the streamed body (a parser that hands the stream on bypasses Fastify's own body limit).
import { type Readable, Transform } from 'node:stream';
import { ValidationError } from '../errors.js';
import type { TableFormat } from './table-rows.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const UPLOAD_TYPES = ['text/csv', XLSX_TYPE];
/** Largest upload accepted: a registry of a million producers is about 300 MB as CSV; uploads are smaller. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The table format a Content-Type names; anything else is a ValidationError naming it. */
export function uploadFormat(contentType: string | undefined): TableFormat {
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (type === 'text/csv') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  throw new ValidationError(`send the file as text/csv or ${XLSX_TYPE}`, [
    { field: 'Content-Type', value: type, reason: 'not text/csv or an XLSX workbook' },
  ]);
}

/** The stream, failing with a ValidationError once more than `max` bytes have passed. */
export function limitBytes(stream: NodeJS.ReadableStream, max = MAX_UPLOAD_BYTES): Readable {
  let bytes = 0;
  return stream.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > max)
          done(
            new ValidationError(`the file is larger than ${max / 1024 / 1024} MB`, [
              { field: 'file', reason: 'too large' },
            ]),
          );
        else done(null, chunk);
      },
    }),
  );
}
