/** PostgreSQL COPY text format: one row per line, tab-separated, `\N` for NULL, backslash escapes. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal: {"a","b"} with quotes and backslashes escaped (then COPY-escaped by copyField). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyRow(fields: (string | number | boolean | null)[]): string {
  return fields.map(copyField).join('\t') + '\n';
}
