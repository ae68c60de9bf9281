/**
 * FHIR R4 Bulk Data export (NDJSON): one resource per line, Patient and Immunization lines possibly mixed.
 * Every line becomes one ImportItem; a bad line is rejected with its reason and parsing goes on with the next.
 */
import {
  normalizeEmail, normalizePhone, vaccineCode,
  type AliasKind, type ImmunizationRecord, type ImportItem, type PersonAlias, type PersonRecord, type Sex,
} from '@tessera/registry-core';
import { checkDate, doseNumber, pushUnique, reject, Rejection, SeenIds, stateCode, text, todayOf, zip5 } from './common';
import { DEFAULT_MAX_LINE_BYTES, splitLines } from './lines';

export interface FhirParseOptions {
  now: Date;
  /** Longest accepted line in bytes (default 1,000,000). */
  maxLineBytes?: number;
}

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';

type Json = Record<string, unknown>;

export async function* parseFhirNdjson(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  opts: FhirParseOptions,
): AsyncGenerator<ImportItem> {
  const today = todayOf(opts.now);
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const seen = { Patient: new SeenIds(), Immunization: new SeenIds() };
  for await (const ev of splitLines(source, maxLineBytes, false)) {
    const position = `line ${ev.lineNo}`;
    if ('tooLong' in ev) {
      yield { kind: 'rejected', position, reason: `line too long (over ${maxLineBytes} bytes)` };
      continue;
    }
    if (ev.line.trim() === '') continue;
    try {
      const resource = parseJsonObject(ev.line);
      const type = resource['resourceType'];
      if (type === 'Patient') {
        const record = patient(resource, today);
        claim(seen.Patient, 'Patient', record.registryId, ev.lineNo);
        yield { kind: 'person', record, immunizations: [], position };
      } else if (type === 'Immunization') {
        const record = immunization(resource, today);
        claim(seen.Immunization, 'Immunization', record.registryId, ev.lineNo);
        yield { kind: 'immunization', record, position };
      } else if (typeof type === 'string') {
        reject(`unknown resourceType '${type.slice(0, 60)}'`);
      } else {
        reject('missing resourceType');
      }
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      yield { kind: 'rejected', position, reason: err.message };
    }
  }
}

function parseJsonObject(line: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    reject(`invalid JSON: ${(err instanceof Error ? err.message : String(err)).slice(0, 200)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(`not a JSON object (${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value})`);
  }
  return value as Json;
}

/** Rejects an id seen before in this file for the same resource type; records it otherwise. */
function claim(seen: SeenIds, type: string, id: string, lineNo: number): void {
  const first = seen.firstSeen(id);
  if (first !== undefined) reject(`duplicate ${type} id ${id} (first at ${first})`);
  seen.add(id, `line ${lineNo}`);
}

// ---- JSON helpers -------------------------------------------------------------------------------------------------

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function arr(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== undefined) : [];
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? text(v) : null;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((x): x is string => x !== null) : [];
}

// ---- Patient ------------------------------------------------------------------------------------------------------

const ALIAS_USES = new Map<string, AliasKind>([['maiden', 'maiden'], ['old', 'previous'], ['nickname', 'alias'], ['anonymous', 'alias'], ['temp', 'alias']]);
const SEX = new Map<string, Sex>([['male', 'M'], ['female', 'F'], ['other', 'U'], ['unknown', 'U']]);

function patientRegistryId(p: Json): string {
  const ids = arr(p['identifier']);
  const mr = ids.find((i) => arr(obj(i['type'])?.['coding']).some((c) => str(c['code']) === 'MR') && str(i['value']));
  const reg = mr ?? ids.find((i) => (str(i['system']) ?? '').toLowerCase().includes('registry') && str(i['value']));
  const id = (reg ? str(reg['value']) : null) ?? str(p['id']);
  if (id === null) reject('Patient has no registry identifier and no id');
  return id;
}

interface NameParts { given: string; family: string; suffix: string | null }

function nameParts(n: Json): NameParts {
  const suffix = strings(n['suffix']).join(' ');
  return { given: strings(n['given']).join(' '), family: str(n['family']) ?? '', suffix: suffix || null };
}

function patient(p: Json, today: string): PersonRecord {
  const registryId = patientRegistryId(p);
  const names = arr(p['name']);
  const useOf = (n: Json): string => str(n['use']) ?? '';
  const primary = names.find((n) => useOf(n) === 'official') ?? names.find((n) => useOf(n) === 'usual')
    ?? names.find((n) => !ALIAS_USES.has(useOf(n)));
  const main = primary ? nameParts(primary) : null;
  if (!main || (!main.family && !main.given)) reject(`Patient ${registryId} has no usable name`);
  const aliases: PersonAlias[] = [];
  for (const n of names) {
    const kind = ALIAS_USES.get(useOf(n));
    if (n === primary || !kind) continue;
    const { given, family } = nameParts(n);
    if (given || family) aliases.push({ kind, given, family });
  }

  const rawBirth = p['birthDate'];
  if (rawBirth === undefined || rawBirth === null || rawBirth === '') reject(`Patient ${registryId} has no birthDate`);
  const birthText = typeof rawBirth === 'string' ? rawBirth : JSON.stringify(rawBirth);
  const birthDate = checkDate(fhirDate(birthText, false), birthText, 'birthDate', today);

  const phones: string[] = [];
  const emails: string[] = [];
  for (const t of arr(p['telecom'])) {
    const system = str(t['system']);
    const value = str(t['value']);
    if (value === null) continue;
    if (system === 'phone' || system === 'sms') pushUnique(phones, normalizePhone(value));
    else if (system === 'email') pushUnique(emails, normalizeEmail(value));
  }

  const a = arr(p['address'])[0];
  const line = a ? strings(a['line']).join(', ') : '';
  return {
    registryId,
    given: main.given,
    family: main.family,
    suffix: main.suffix,
    aliases,
    birthDate,
    sex: SEX.get(str(p['gender']) ?? '') ?? 'U',
    phones,
    emails,
    address: {
      line: line || null,
      city: a ? str(a['city']) : null,
      state: a ? stateCode(str(a['state'])) : null,
      zip: a ? zip5(str(a['postalCode'])) : null,
      county: a ? str(a['district']) : null,
    },
    deceased: p['deceasedBoolean'] === true || str(p['deceasedDateTime']) !== null,
  };
}

/** FHIR date (YYYY-MM-DD) or, with `dateTime`, the date part of a dateTime; partial dates are not dates here. */
function fhirDate(raw: string, dateTime: boolean): string | null {
  const m = (dateTime ? /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/ : /^(\d{4})-(\d{2})-(\d{2})$/).exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}-${mo}-${d}` : null;
}

// ---- Immunization -------------------------------------------------------------------------------------------------

function immunization(r: Json, today: string): ImmunizationRecord {
  const registryId = str(arr(r['identifier'])[0]?.['value']) ?? str(r['id']);
  if (registryId === null) reject('Immunization has no identifier and no id');

  const ref = str(obj(r['patient'])?.['reference']);
  const refMatch = ref === null ? null : /^(?:.*\/)?Patient\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(ref);
  if (!refMatch) reject(`Immunization ${registryId} has no patient reference${ref === null ? '' : ` of the form Patient/<id> (got '${ref.slice(0, 80)}')`}`);
  const personRegistryId = refMatch[1]!;

  const status = str(r['status']);
  if (status === 'not-done') reject(`Immunization ${registryId} has status 'not-done' (no dose was given)`);
  if (status !== 'completed' && status !== 'entered-in-error') reject(`Immunization ${registryId} has invalid status '${status ?? ''}'`);

  const cvxCoding = arr(obj(r['vaccineCode'])?.['coding']).find((c) => str(c['system']) === CVX_SYSTEM);
  const cvx = cvxCoding ? str(cvxCoding['code']) : null;
  if (cvx === null) reject(`Immunization ${registryId} has no CVX vaccineCode`);
  if (!vaccineCode(cvx)) reject(`unknown CVX code ${cvx.slice(0, 20)}`);

  const rawOccurrence = str(r['occurrenceDateTime']);
  if (rawOccurrence === null) reject(`Immunization ${registryId} has no occurrenceDateTime`);
  const occurrenceDate = checkDate(fhirDate(rawOccurrence, true), rawOccurrence, 'occurrenceDateTime', today);

  const protocol = arr(r['protocolApplied'])[0];
  const performer = str(obj(arr(r['performer'])[0]?.['actor'])?.['display']) ?? str(obj(r['location'])?.['display']);
  return {
    registryId,
    personRegistryId,
    cvx,
    mvx: manufacturer(obj(r['manufacturer'])),
    lotNumber: str(r['lotNumber']),
    occurrenceDate,
    doseNumber: protocol ? doseNumber(protocol['doseNumberPositiveInt'] ?? protocol['doseNumberString']) : null,
    performer,
    status,
    source: 'fhir-bulk',
  };
}

/** MVX code: the manufacturer reference's identifier, or a coding whose system names MVX (R5-style concept too). */
function manufacturer(m: Json | undefined): string | null {
  if (!m) return null;
  const id = str(obj(m['identifier'])?.['value']);
  if (id !== null) return id.toUpperCase();
  const codings = [...arr(m['coding']), ...arr(obj(m['concept'])?.['coding'])];
  const c = codings.find((x) => (str(x['system']) ?? '').toLowerCase().includes('mvx'));
  const code = c ? str(c['code']) : null;
  return code === null ? null : code.toUpperCase();
}
