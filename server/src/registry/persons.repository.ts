import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PersonRow {
  id: string;
  registry_id: string;
  given_names: string;
  family_name: string;
  suffix: string | null;
  aliases: { given: string; family: string; kind: 'maiden' | 'previous' | 'alias' }[];
  birth_date: string;
  sex: 'F' | 'M' | 'U';
  phones: string[];
  emails: string[];
  address_line: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  county: string | null;
  deceased: boolean;
  quality_flags: string[];
  registry_conflict: Record<string, { tessera: unknown; registry: unknown }> | null;
  version: number;
  updated_at: Date;
}

export interface ImmunizationRow {
  id: string;
  registry_id: string;
  cvx: string;
  display: string;
  vaccine_group: string;
  mvx: string | null;
  lot_number: string | null;
  occurrence_date: string;
  dose_number: number | null;
  performer: string | null;
  status: 'completed' | 'entered-in-error';
  source: string;
}

export interface HistoryRow {
  id: string;
  record_type: 'person' | 'immunization';
  record_id: string;
  version: number;
  changed_at: Date;
  changed_by_username: string | null;
  change_source: 'import' | 'correction' | 'review';
  reason: string | null;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown>;
}

/** Reads of one person's record. */
@Injectable()
export class PersonsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async person(id: string): Promise<PersonRow | null> {
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT id, registry_id, given_names, family_name, suffix, aliases, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex,
              phones, emails, address_line, city, state, zip, county, deceased, quality_flags, registry_conflict, version, updated_at
         FROM person WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async idByRegistryId(registryId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM person WHERE registry_id = $1', [registryId]);
    return rows[0]?.id ?? null;
  }

  async vaccineNames(cvx: readonly string[]): Promise<Map<string, { display: string; group: string }>> {
    const rows: { cvx: string; display: string; vaccine_group: string }[] = cvx.length === 0 ? []
      : await this.dataSource.query('SELECT cvx, display, vaccine_group FROM vaccine_code WHERE cvx = ANY($1::text[])', [[...new Set(cvx)]]);
    return new Map(rows.map((r) => [r.cvx, { display: r.display, group: r.vaccine_group }]));
  }

  immunizations(personId: string): Promise<ImmunizationRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.registry_id, i.cvx, v.display, v.vaccine_group, i.mvx, i.lot_number,
              to_char(i.occurrence_date, 'YYYY-MM-DD') AS occurrence_date, i.dose_number, i.performer, i.status, i.source
         FROM immunization i JOIN vaccine_code v ON v.cvx = i.cvx
        WHERE i.person_id = $1 ORDER BY i.occurrence_date, i.registry_id`, [personId]);
  }

  history(personId: string, limit = 200): Promise<HistoryRow[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, record_type, record_id, version, changed_at, changed_by_username, change_source, reason, old_values, new_values
         FROM record_history WHERE person_id = $1 ORDER BY changed_at DESC, id DESC LIMIT $2`, [personId, limit]);
  }
}
