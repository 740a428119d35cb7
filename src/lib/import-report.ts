// The summary every import prints (`--format json`): counts, and each rejected row with its line, field and reason.
import type { Issue } from '../errors.js';

export interface RejectedRow {
  line: number;
  field: string;
  value?: unknown;
  reason: string;
}

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  warnings: Issue[];
}

export function emptyReport(): ImportReport {
  return { imported: 0, updated: 0, unchanged: 0, rejected: [], warnings: [] };
}
