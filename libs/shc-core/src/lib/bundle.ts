/**
 * The minimal FHIR R4 bundle of an immunization card (spec §6–7): Patient `resource:0` with name + birthDate, then
 * one Immunization per completed dose. No ids, meta, text or Coding.display; every reference is `resource:N`.
 */
import { DoseNotCompletedError, ShcError } from './errors';

export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
export const MVX_SYSTEM = 'http://hl7.org/fhir/sid/mvx';

export interface CardPerson {
  given: readonly string[];
  family: string;
  /** FHIR date: YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate: string;
}

export interface CardDose {
  /** CVX code, 1–3 digits (e.g. "207", "03"). */
  cvx: string;
  /** YYYY-MM-DD. */
  occurrenceDate: string;
  /** Administering organisation, shown as performer[0].actor.display; omitted when null or blank. */
  performer: string | null;
  /** Omitted when null or blank. */
  lotNumber: string | null;
  /** FHIR Immunization.status: anything other than "completed" is refused. */
  status: string;
  /** MVX manufacturer code; used only with `includeManufacturer` (it costs QR space). */
  mvx?: string | null;
}

export interface BundleOptions {
  /**
   * Adds `manufacturer.identifier {system: MVX, value}` when a dose has an MVX code. Spec §7 allows exactly this
   * element (not manufacturer.reference/display). Off by default: about 60 payload bytes per dose for data the
   * verifier apps do not show, and the card must stay ≤ QR version 22.
   */
  includeManufacturer?: boolean;
}

export type ResourceUri = `resource:${number}`;

export interface FhirPatient {
  resourceType: 'Patient';
  name: [{ family: string; given?: string[] }];
  birthDate: string;
}

export interface FhirImmunization {
  resourceType: 'Immunization';
  status: 'completed';
  vaccineCode: { coding: [{ system: typeof CVX_SYSTEM; code: string }] };
  patient: { reference: 'resource:0' };
  occurrenceDateTime: string;
  manufacturer?: { identifier: { system: typeof MVX_SYSTEM; value: string } };
  performer?: [{ actor: { display: string } }];
  lotNumber?: string;
}

export interface BundleEntry<R> {
  fullUrl: ResourceUri;
  resource: R;
}

export interface HealthCardBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: [BundleEntry<FhirPatient>, ...BundleEntry<FhirImmunization>[]];
}

const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CVX = /^\d{1,3}$/;
const MVX = /^[A-Z]{2,3}$/;

function invalid(field: string, why: string): ShcError {
  return new ShcError('INVALID_CARD_INPUT', `${field} ${why}`);
}

/** True for a real calendar date/partial date in FHIR `date` syntax (rejects 2021-02-30, month 13). */
export function isFhirDate(value: string): boolean {
  const m = FHIR_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  const year = Number(y);
  if (mo === undefined) return year >= 1;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0–99 to 1900–1999
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (text === '') throw invalid(field, 'must not be blank');
  return text;
}

function optionalText(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

function buildPatient(person: CardPerson): FhirPatient {
  const family = requiredText(person.family, 'person.family');
  const given = person.given.map((g, i) => requiredText(g, `person.given[${i}]`));
  if (!isFhirDate(person.birthDate)) throw invalid('person.birthDate', `"${person.birthDate}" is not a FHIR date`);
  return {
    resourceType: 'Patient',
    name: [given.length > 0 ? { family, given } : { family }],
    birthDate: person.birthDate,
  };
}

function buildImmunization(dose: CardDose, index: number, options: BundleOptions): FhirImmunization {
  const field = `doses[${index}]`;
  if (dose.status !== 'completed') throw new DoseNotCompletedError(index, dose.status);
  if (!CVX.test(dose.cvx)) throw invalid(`${field}.cvx`, `"${dose.cvx}" is not a CVX code (1–3 digits)`);
  if (!FULL_DATE.test(dose.occurrenceDate) || !isFhirDate(dose.occurrenceDate)) {
    throw invalid(`${field}.occurrenceDate`, `"${dose.occurrenceDate}" is not a YYYY-MM-DD date`);
  }
  const immunization: FhirImmunization = {
    resourceType: 'Immunization',
    status: 'completed',
    vaccineCode: { coding: [{ system: CVX_SYSTEM, code: dose.cvx }] },
    patient: { reference: 'resource:0' },
    occurrenceDateTime: dose.occurrenceDate,
  };
  const mvx = optionalText(dose.mvx);
  if (options.includeManufacturer && mvx !== undefined) {
    if (!MVX.test(mvx)) throw invalid(`${field}.mvx`, `"${mvx}" is not an MVX code (2–3 capital letters)`);
    immunization.manufacturer = { identifier: { system: MVX_SYSTEM, value: mvx } };
  }
  const performer = optionalText(dose.performer);
  if (performer !== undefined) immunization.performer = [{ actor: { display: performer } }];
  const lotNumber = optionalText(dose.lotNumber);
  if (lotNumber !== undefined) immunization.lotNumber = lotNumber;
  return immunization;
}

/**
 * Builds the card bundle. Throws DoseNotCompletedError for a dose that is not completed and ShcError
 * (INVALID_CARD_INPUT) for anything else that cannot go on a card. Doses keep the caller's order.
 */
export function buildImmunizationBundle(
  person: CardPerson,
  doses: readonly CardDose[],
  options: BundleOptions = {},
): HealthCardBundle {
  if (doses.length === 0) throw invalid('doses', 'must hold at least one immunization');
  const patient = buildPatient(person);
  const immunizations = doses.map((dose, i) => buildImmunization(dose, i, options));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'resource:0', resource: patient },
      ...immunizations.map((resource, i): BundleEntry<FhirImmunization> => ({ fullUrl: `resource:${i + 1}`, resource })),
    ],
  };
}
