// Small utilities shared by the capabilities: streaming CSV, import reports, keyset cursors.

export { ChunkWriter, countChunk, MAX_REJECTED, rejecter } from './chunks.js';
export { arrayLiteral, CopyBuffer, type CopyValue, copyLine, copyText, fromCopyText } from './copy.js';
export type { CsvBatch, CsvRecord, CsvRow, CsvSource } from './csv.js';
export { openCsvFile, readCsv, readCsvBatches } from './csv.js';
export { decodeCursor, encodeCursor } from './cursor.js';
export { etagOf, versionFromIfMatch } from './etag.js';
export { Growth } from './growth.js';
export type { ImportReport, RejectedRow } from './import-report.js';
export { emptyReport } from './import-report.js';
export { COUNTRY_LIST, countryListParam } from './params.js';
export { random } from './random.js';
export { restoreRoute } from './restore-route.js';
export { formatOfName, type RowBatch, type TableFormat, type TableRow, tableRows } from './table-rows.js';
export { limitBytes, MAX_UPLOAD_BYTES, UPLOAD_TYPES, uploadFormat, XLSX_TYPE } from './upload.js';
