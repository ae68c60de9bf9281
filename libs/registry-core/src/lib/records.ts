/**
 * The canonical shape of registry data inside Tessera, whatever it came from (FHIR Bulk Data, HL7 v2 VXU, the
 * synthetic generator). Importers produce these; the database layer stores them.
 */
export const SEXES = ['F', 'M', 'U'] as const;
export type Sex = (typeof SEXES)[number];

export const IMMUNIZATION_STATUSES = ['completed', 'entered-in-error'] as const;
export type ImmunizationStatus = (typeof IMMUNIZATION_STATUSES)[number];

export const ALIAS_KINDS = ['maiden', 'previous', 'alias'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

export interface PersonName {
  /** Given names, space separated ("Mary Ann"). */
  given: string;
  family: string;
}

export interface PersonAlias extends PersonName {
  kind: AliasKind;
}

export interface Address {
  line: string | null;
  city: string | null;
  /** Two-letter state code. */
  state: string | null;
  /** 5-digit ZIP. */
  zip: string | null;
  county: string | null;
}

export interface PersonRecord {
  /** The state registry's patient id: the key of idempotent upserts. */
  registryId: string;
  given: string;
  family: string;
  suffix: string | null;
  aliases: PersonAlias[];
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** E.164, e.g. +16175551234 */
  phones: string[];
  /** lower-case */
  emails: string[];
  address: Address;
  deceased: boolean;
}

export interface ImmunizationRecord {
  /** The registry's immunization id: the key of idempotent upserts. */
  registryId: string;
  /** The registry id of the person it belongs to. */
  personRegistryId: string;
  /** CVX code. */
  cvx: string;
  /** MVX manufacturer code, when known. */
  mvx: string | null;
  lotNumber: string | null;
  /** YYYY-MM-DD */
  occurrenceDate: string;
  doseNumber: number | null;
  /** Administering organisation or site. */
  performer: string | null;
  status: ImmunizationStatus;
  /** Where the record came from (e.g. "fhir-bulk", "hl7v2", "synthetic"). */
  source: string;
}

/**
 * One unit out of an importer, written whole or not at all: a person with the immunizations that came with it
 * (an HL7 VXU message; a FHIR Patient line has none), a lone immunization (a FHIR Immunization line), or a
 * rejection with where (line or message number) and why.
 */
export type ImportItem =
  | { kind: 'person'; record: PersonRecord; immunizations: ImmunizationRecord[]; position: string }
  | { kind: 'immunization'; record: ImmunizationRecord; position: string }
  | { kind: 'rejected'; position: string; reason: string };
