/** Shared by the parsers: rejections as exceptions inside one unit, date rules, small value helpers. */

/** Thrown while building one unit (a FHIR line, an HL7 message); the parser turns it into a `rejected` item. */
export class Rejection extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Rejection';
  }
}

export function reject(reason: string): never {
  throw new Rejection(reason);
}

export const MIN_DATE = '1900-01-01';

/** "Today" for future-date checks: the UTC calendar day of `now` (never earlier than any US local date). */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A parsed date that must exist, be a real calendar day, not lie before 1900 and not after `today`. */
export function checkDate(iso: string | null, raw: string, what: string, today: string): string {
  if (iso === null) reject(`${what} '${raw}' is not a valid date`);
  if (iso < MIN_DATE) reject(`${what} ${iso} is before 1900`);
  if (iso > today) reject(`${what} ${iso} is in the future`);
  return iso;
}

/** Trimmed text, or null when empty. */
export function text(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** The first five digits of a US ZIP or ZIP+4 ("02118-1234" → "02118"); null for anything else. */
export function zip5(raw: string | null | undefined): string | null {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(raw?.trim() ?? '');
  return m ? m[1]! : null;
}

/** Two-letter state code upper-cased; anything else is kept as given (trimmed), empty → null. */
export function stateCode(raw: string | null | undefined): string | null {
  const t = text(raw);
  if (t === null) return null;
  return /^[A-Za-z]{2}$/.test(t) ? t.toUpperCase() : t;
}

/** A positive integer dose number from "2" / " 2 "; null for anything else. */
export function doseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw > 0 ? raw : null;
  if (typeof raw !== 'string' || !/^\s*\d{1,3}\s*$/.test(raw)) return null;
  const n = Number(raw.trim());
  return n > 0 ? n : null;
}

/** Pushes `value` unless null or already present. */
export function pushUnique(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value)) list.push(value);
}

/** Registry ids seen earlier in a file, with where they were first seen. */
export class SeenIds {
  private readonly seen = new Map<string, string>();

  /** Where `key` was first seen, or undefined. */
  firstSeen(key: string): string | undefined {
    return this.seen.get(key);
  }

  add(key: string, where: string): void {
    if (!this.seen.has(key)) this.seen.set(key, where);
  }
}
