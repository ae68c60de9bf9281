import { Readable } from 'node:stream';
import type { AuditRow } from './audit.types';
import { toResponse } from './audit.service';

const CSV_COLUMNS = [
  'seq', 'occurred_at', 'actor_id', 'actor_username', 'actor_roles', 'action', 'target_type', 'target_id', 'outcome',
  'reason', 'request_id', 'client_address', 'user_agent', 'details', 'prev_hash', 'hash',
] as const;

/** RFC 4180 field; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csvField(value: unknown): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (Array.isArray(value)) s = value.map((v) => String(v)).join(' ');
  else s = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(r: AuditRow): string {
  return CSV_COLUMNS.map((c) => csvField(r[c])).join(',') + '\r\n';
}

/** A readable stream of the rows as CSV (with header) or NDJSON, pulled batch by batch. */
export function exportStream(rows: AsyncIterable<AuditRow>, format: 'csv' | 'ndjson'): Readable {
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
    for await (const r of rows) yield format === 'csv' ? csvLine(r) : JSON.stringify(toResponse(r)) + '\n';
  }
  return Readable.from(lines(), { objectMode: false });
}
