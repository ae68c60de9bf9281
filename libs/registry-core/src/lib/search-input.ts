import { normalizeEmail, normalizeName, normalizePhone, parseDate, swapDayMonth } from './normalize';

export interface SearchFields {
  q?: string | undefined;
  name?: string | undefined;
  birthDate?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  registryId?: string | undefined;
}

/** What a search asks for, normalised. */
export interface SearchCriteria {
  /** Normalised name words, in the order typed. */
  nameWords: string[];
  /** Last word as the family name, the rest as given names (also tried the other way round). */
  family: string | null;
  given: string | null;
  birthDate: string | null;
  /** The same date with day and month swapped, when that is another valid date. */
  birthDateSwapped: string | null;
  phone: string | null;
  email: string | null;
  registryId: string | null;
  /** Inputs that could not be understood (e.g. "31/31/1980"), to say so. */
  problems: string[];
}

const REGISTRY_ID = /^[A-Za-z]{2}\d{6,12}$/;
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'da', 'di', 'du', 'le', 'st']);

/**
 * Reads the one search box and the optional fields: dates, phones (any format), emails and registry ids are
 * recognised in the free text; everything else is a name. Explicit fields win over what the box contained.
 */
export function parseSearch(input: SearchFields): SearchCriteria {
  const problems: string[] = [];
  let birthDate: string | null = null, phone: string | null = null, email: string | null = null, registryId: string | null = null;
  const nameParts: string[] = [];
  const text = (input.q ?? '').trim();
  // phone numbers may be typed with spaces: "(617) 555 1234" — take those out first
  const phoneInText = /(\+?1?[\s.-]*\(?[2-9]\d{2}\)?[\s.-]*\d{3}[\s.-]*\d{4})(?!\d)/.exec(text);
  let rest = text;
  if (phoneInText && !/^\d{4}-\d{2}-\d{2}$/.test(phoneInText[1]!.trim())) {
    const p = normalizePhone(phoneInText[1]!);
    if (p) {
      phone = p;
      rest = rest.replace(phoneInText[1]!, ' ');
    }
  }
  for (const rawToken of rest.split(/\s+/).filter(Boolean)) {
    const token = rawToken.replace(/[,;]+$/, '');
    if (!token) continue;
    if (token.includes('@')) {
      email = normalizeEmail(token) ?? (problems.push(`"${token}" is not an email address`), null);
    } else if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(token) || /^\d{8}$/.test(token)) {
      birthDate = parseDate(token) ?? (problems.push(`"${token}" is not a date`), null);
    } else if (REGISTRY_ID.test(token)) {
      registryId = token.toUpperCase();
    } else if (/\d/.test(token)) {
      const p = normalizePhone(token);
      if (p) phone = p;
      else problems.push(`"${token}" was not understood`);
    } else {
      nameParts.push(rawToken);
    }
  }
  if (input.name?.trim()) {
    nameParts.length = 0;
    nameParts.push(input.name.trim());
  }
  if (input.birthDate?.trim()) birthDate = parseDate(input.birthDate) ?? (problems.push(`"${input.birthDate}" is not a date`), null);
  if (input.phone?.trim()) phone = normalizePhone(input.phone) ?? (problems.push(`"${input.phone}" is not a phone number`), null);
  if (input.email?.trim()) email = normalizeEmail(input.email) ?? (problems.push(`"${input.email}" is not an email address`), null);
  if (input.registryId?.trim()) registryId = input.registryId.trim().toUpperCase();

  // "Smith, John" means family first; otherwise the last word (with any particles before it) is the family name
  const raw = nameParts.join(' ').trim();
  let familyRaw: string, givenRaw: string;
  const comma = /^([^,]+),([^,]+)$/.exec(raw);
  if (comma) {
    familyRaw = comma[1]!;
    givenRaw = comma[2]!;
  } else {
    const words = raw.split(/\s+/).filter(Boolean);
    let cut = words.length - 1;
    while (cut > 1 && PARTICLES.has(normalizeName(words[cut - 1]!))) cut--;
    familyRaw = words.slice(Math.max(cut, 0)).join(' ');
    givenRaw = words.slice(0, Math.max(cut, 0)).join(' ');
  }
  const family = normalizeName(familyRaw) || null;
  const given = normalizeName(givenRaw) || null;
  const nameWords = [given, family].filter((w): w is string => w !== null).join(' ').split(' ').filter(Boolean);
  return {
    nameWords, family, given, birthDate, birthDateSwapped: birthDate ? swapDayMonth(birthDate) : null,
    phone, email, registryId, problems,
  };
}

export function hasAnchor(c: SearchCriteria): boolean {
  return c.birthDate !== null || c.phone !== null || c.email !== null || c.registryId !== null;
}
