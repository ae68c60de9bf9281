/**
 * One HL7 v2.5.1 VXU^V04 message (CDC immunization IG) → a person with the doses it reports. Any problem rejects
 * the whole message (thrown as a Rejection): a bad message never yields half a person.
 */
import {
  normalizeEmail, normalizePhone, parseDate, vaccineCode,
  type ImmunizationRecord, type PersonAlias, type PersonRecord, type Sex,
} from '@tessera/registry-core';
import { checkDate, doseNumber, pushUnique, reject, stateCode, text, zip5 } from '../common';
import { readDelimiters, Segment } from './segments';

export interface RawSegment {
  text: string;
  lineNo: number;
}

export interface VxuResult {
  record: PersonRecord;
  immunizations: ImmunizationRecord[];
}

/** LOINC "Dose number in series". */
export const LOINC_DOSE_NUMBER = '30973-2';

interface OrderGroup {
  orc: Segment;
  rxa: Segment | null;
  obx: Segment[];
}

export function parseVxu(raw: readonly RawSegment[], today: string): VxuResult {
  const first = raw[0];
  if (!first) reject('empty message');
  if (!first.text.startsWith('MSH')) reject(`message does not start with MSH (found ${first.text.slice(0, 3)} at line ${first.lineNo})`);
  const d = readDelimiters(first.text);
  const segments = raw.map((s, i) => {
    if (!/^[A-Z][A-Z0-9]{2}$/.test(s.text.slice(0, 3)) || (s.text.length > 3 && s.text.charAt(3) !== d.field)) {
      reject(`malformed segment '${s.text.slice(0, 20)}' at segment ${i + 1} (line ${s.lineNo})`);
    }
    return new Segment(s.text, i + 1, s.lineNo, d);
  });
  const msh = segments[0]!;
  const type = `${msh.get(9, 1)}^${msh.get(9, 2)}`;
  if (type !== 'VXU^V04') reject(`not a VXU^V04 message: ${type === '^' ? '(MSH-9 empty)' : type}`);

  let pid: Segment | null = null;
  const groups: OrderGroup[] = [];
  for (const seg of segments.slice(1)) {
    const group = groups[groups.length - 1];
    switch (seg.name) {
      case 'PID':
        if (pid) reject(`second PID at ${seg.where} (first at ${pid.where})`);
        pid = seg;
        break;
      case 'ORC':
        if (!pid) reject(`ORC at ${seg.where} before PID`);
        if (group && !group.rxa) reject(`ORC at ${group.orc.where} has no RXA`);
        groups.push({ orc: seg, rxa: null, obx: [] });
        break;
      case 'RXA':
        if (!pid) reject(`RXA at ${seg.where} before PID`);
        if (!group || group.rxa) reject(`RXA at ${seg.where} without a preceding ORC`);
        group.rxa = seg;
        break;
      case 'OBX':
        // Observations belong to the dose before them; any others (e.g. patient-level) are not used.
        if (group?.rxa) group.obx.push(seg);
        break;
      default:
        // PD1, NK1, PV1, IN1, RXR, NTE, Z-segments…: allowed, not used.
        break;
    }
  }
  if (!pid) reject('message has no PID segment');
  const last = groups[groups.length - 1];
  if (last && !last.rxa) reject(`ORC at ${last.orc.where} has no RXA`);

  const record = person(pid, today);
  const immunizations: ImmunizationRecord[] = [];
  const ids = new Map<string, Segment>();
  for (const g of groups) {
    const imm = dose(g, record.registryId, today);
    if (!imm) continue;
    const earlier = ids.get(imm.registryId);
    if (earlier) reject(`duplicate immunization id ${imm.registryId} (ORC at ${g.orc.where}; first at ${earlier.where})`);
    ids.set(imm.registryId, g.orc);
    immunizations.push(imm);
  }
  return { record, immunizations };
}

/** HL7 DTM/TS → YYYY-MM-DD; needs at least YYYYMMDD (time, seconds, fraction and offset allowed after it). */
export function hl7Date(raw: string): string | null {
  const m = /^(\d{8})(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,4})?)?)?)?(?:[+-]\d{4})?$/.exec(raw);
  return m ? parseDate(m[1]!) : null;
}

function requiredDate(seg: Segment, n: number, what: string, today: string): string {
  const raw = seg.get(n, 1);
  if (!raw) reject(`${what} is missing (${seg.where})`);
  return checkDate(hl7Date(raw), raw, what, today);
}

// ---- PID ----------------------------------------------------------------------------------------------------------

function person(pid: Segment, today: string): PersonRecord {
  const ids: { id: string; type: string }[] = [];
  for (let r = 0; r < pid.repetitions(3); r++) {
    const id = pid.get(3, 1, 1, r);
    if (id) ids.push({ id, type: pid.get(3, 5, 1, r).toUpperCase() });
  }
  const registryId = (ids.find((x) => x.type === 'SR') ?? ids.find((x) => x.type === 'MR') ?? ids[0])?.id;
  if (!registryId) reject(`PID-3 has no patient identifier (${pid.where})`);

  const names: { type: string; given: string; family: string; suffix: string | null }[] = [];
  for (let r = 0; r < pid.repetitions(5); r++) {
    const given = [pid.get(5, 2, 1, r), pid.get(5, 3, 1, r)].filter(Boolean).join(' ');
    names.push({ type: pid.get(5, 7, 1, r).toUpperCase(), given, family: pid.get(5, 1, 1, r), suffix: text(pid.get(5, 4, 1, r)) });
  }
  const primary = names.find((n) => n.type === 'L') ?? names[0];
  if (!primary || (!primary.family && !primary.given)) reject(`PID-5 has no patient name (${pid.where})`);
  const aliases: PersonAlias[] = [];
  for (const n of names) {
    if (n === primary || (!n.family && !n.given)) continue;
    if (n.type === 'M') aliases.push({ kind: 'maiden', given: n.given, family: n.family });
    else if (n.type === 'A') aliases.push({ kind: 'alias', given: n.given, family: n.family });
  }

  const birthDate = requiredDate(pid, 7, 'PID-7 birth date', today);
  const sexCode = pid.get(8).toUpperCase();
  const sex: Sex = sexCode === 'F' || sexCode === 'M' ? sexCode : 'U';

  const phones: string[] = [];
  const emails: string[] = [];
  for (let r = 0; r < pid.repetitions(13); r++) {
    const use = pid.get(13, 2, 1, r).toUpperCase();
    const equipment = pid.get(13, 3, 1, r).toUpperCase();
    if (use === 'NET' || equipment === 'INTERNET') {
      pushUnique(emails, normalizeEmail(pid.get(13, 4, 1, r)));
      continue;
    }
    if (equipment === 'FX') continue;
    const local = pid.get(13, 7, 1, r);
    const number = local ? pid.get(13, 6, 1, r) + local : pid.get(13, 1, 1, r);
    if (number) pushUnique(phones, normalizePhone(number));
  }

  return {
    registryId,
    given: primary.given,
    family: primary.family,
    suffix: primary.suffix,
    aliases,
    birthDate,
    sex,
    phones,
    emails,
    address: {
      line: text(pid.get(11, 1, 1)),
      city: text(pid.get(11, 3)),
      state: stateCode(pid.get(11, 4)),
      zip: zip5(pid.get(11, 5)),
      county: text(pid.get(11, 9)),
    },
    deceased: pid.get(30).toUpperCase() === 'Y' || pid.get(29) !== '',
  };
}

// ---- ORC / RXA / OBX ----------------------------------------------------------------------------------------------

/** One administered dose, or null for a dose not given (RXA-20 NA / RE), which is skipped without further checks. */
function dose(g: OrderGroup, personRegistryId: string, today: string): ImmunizationRecord | null {
  const rxa = g.rxa!;
  const completion = rxa.get(20).toUpperCase();
  if (completion === 'NA' || completion === 'RE') return null;
  if (completion !== '' && completion !== 'CP' && completion !== 'PA') {
    reject(`RXA-20 completion status '${completion.slice(0, 10)}' is not valid (${rxa.where})`);
  }
  const registryId = g.orc.get(3, 1);
  if (!registryId) reject(`RXA without ORC-3 id (ORC at ${g.orc.where})`);

  const occurrenceDate = requiredDate(rxa, 3, 'RXA-3 administration date', today);

  // CVX as the primary code (CE.1-3) or the alternate (CE.4-6), e.g. behind an NDC.
  let cvx = rxa.get(5, 3).toUpperCase() === 'CVX' ? rxa.get(5, 1) : '';
  if (!cvx && rxa.get(5, 6).toUpperCase() === 'CVX') cvx = rxa.get(5, 4);
  if (!cvx) reject(`RXA-5 has no CVX code (${rxa.where})`);
  if (!vaccineCode(cvx)) reject(`unknown CVX code ${cvx.slice(0, 20)}`);

  let doses: number | null = null;
  for (const obx of g.obx) {
    if (obx.get(3, 1) === LOINC_DOSE_NUMBER) doses = doseNumber(obx.get(5, 1));
  }
  return {
    registryId,
    personRegistryId,
    cvx,
    mvx: text(rxa.get(17, 1).toUpperCase()),
    lotNumber: text(rxa.get(15)),
    occurrenceDate,
    doseNumber: doses,
    performer: text(rxa.get(11, 4)),
    status: rxa.get(21).toUpperCase() === 'D' ? 'entered-in-error' : 'completed',
    source: 'hl7v2',
  };
}
