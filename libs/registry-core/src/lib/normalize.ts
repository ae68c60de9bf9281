/**
 * Normalisation shared by importers, the generator and search: names compare accent- and case-insensitively,
 * phones as E.164, emails lower-case, dates as YYYY-MM-DD.
 */

/** "José  O'Brien-Núñez" → "jose obrien nunez": no accents, lower-case, hyphens as spaces, apostrophes and dots dropped. */
export function normalizeName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The keys a family name is found by: the whole name, each part of a hyphenated or compound name, and the parts
 * run together ("de la Cruz" → "de la cruz", "cruz", "delacruz"). Particles alone (de, la, van, …) are not keys.
 */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'st', 'mc', 'mac', 'y', 'e']);
export function familyNameKeys(family: string): string[] {
  const whole = normalizeName(family);
  if (!whole) return [];
  const parts = whole.split(' ');
  const keys = new Set<string>([whole]);
  if (parts.length > 1) {
    keys.add(parts.join(''));
    for (const p of parts) if (p.length > 1 && !PARTICLES.has(p)) keys.add(p);
  }
  return [...keys];
}

/**
 * The single-word surnames among a person's name keys: the distinct-surname table holds these (not the compound
 * and joined forms, which are nearly all unique and would make it ten times larger). Mirrors the SQL in the seed.
 */
export function surnameTokens(nameKeys: readonly string[]): string[] {
  const joined = new Set(nameKeys.filter((k) => k.includes(' ')).map((k) => k.replaceAll(' ', '')));
  const out = new Set<string>();
  for (const k of nameKeys) for (const t of k.split(' ')) if (t && !joined.has(t)) out.add(t);
  return [...out];
}

/** The words of a typed family name to look up in the distinct-surname table (particles left out when there are others). */
export function typedSurnameTokens(family: string): string[] {
  const whole = normalizeName(family);
  const parts = whole.split(' ').filter(Boolean);
  if (parts.length <= 1) return parts;
  const significant = parts.filter((p) => p.length > 1 && !PARTICLES.has(p));
  return significant.length > 0 ? [...new Set(significant)] : [parts.join('')];
}

/** US-centric E.164: 10 digits → +1…, 11 digits starting with 1 → +1…, an explicit +CC number kept; else null. */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && /^[2-9]/.test(digits.slice(1))) return `+${digits}`;
  return null;
}

export function normalizeEmail(raw: string): string | null {
  const e = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length <= 254 ? e : null;
}

/** A real calendar date in YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY or M/D/YYYY (US order). */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

/** The same date with day and month swapped, when that is a different valid date. */
export function swapDayMonth(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || m[2] === m[3]) return null;
  return isoDate(Number(m[1]), Number(m[3]), Number(m[2]));
}

/** The derived search columns of a person: normalised names and every family-name key (aliases included). */
export function personSearchKeys(p: { given: string; family: string; aliases: readonly { family: string }[] }): {
  familyNorm: string; givenNorm: string; nameKeys: string[];
} {
  const keys = new Set(familyNameKeys(p.family));
  for (const a of p.aliases) for (const k of familyNameKeys(a.family)) keys.add(k);
  return { familyNorm: normalizeName(p.family), givenNorm: normalizeName(p.given), nameKeys: [...keys] };
}
