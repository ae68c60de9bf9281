import type { ImmunizationRecord, PersonRecord } from '@tessera/registry-core';

/** The comparable fields of a person, as stored (column-shaped values). */
export interface PersonFields {
  given_names: string;
  family_name: string;
  suffix: string | null;
  aliases: PersonRecord['aliases'];
  birth_date: string;
  sex: string;
  phones: string[];
  emails: string[];
  address_line: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county: string | null;
  deceased: boolean;
}

export interface ImmunizationFields {
  cvx: string;
  mvx: string | null;
  lot_number: string | null;
  occurrence_date: string;
  dose_number: number | null;
  performer: string | null;
  status: string;
}

export function personFields(p: PersonRecord): PersonFields {
  return {
    given_names: p.given, family_name: p.family, suffix: p.suffix, aliases: p.aliases, birth_date: p.birthDate, sex: p.sex,
    phones: p.phones, emails: p.emails, address_line: p.address.line, city: p.address.city, state: p.address.state,
    zip: p.address.zip, county: p.address.county, deceased: p.deceased,
  };
}

export function immunizationFields(i: ImmunizationRecord): ImmunizationFields {
  return {
    cvx: i.cvx, mvx: i.mvx, lot_number: i.lotNumber, occurrence_date: i.occurrenceDate, dose_number: i.doseNumber,
    performer: i.performer, status: i.status,
  };
}

/**
 * What an incoming record changes. Fields that staff corrected in Tessera since the last import are not applied:
 * they come back as conflicts (Tessera's value and the registry's) for review.
 */
export function diffFields<T extends object>(current: T, incoming: T, corrected: readonly string[]): {
  apply: Partial<T>; old: Partial<T>; conflicts: Record<string, { tessera: unknown; registry: unknown }>;
} {
  const apply: Partial<T> = {};
  const old: Partial<T> = {};
  const conflicts: Record<string, { tessera: unknown; registry: unknown }> = {};
  for (const key of Object.keys(incoming) as (keyof T & string)[]) {
    if (same(current[key], incoming[key])) continue;
    if (corrected.includes(key)) conflicts[key] = { tessera: current[key], registry: incoming[key] };
    else {
      apply[key] = incoming[key];
      old[key] = current[key];
    }
  }
  return { apply, old, conflicts };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
