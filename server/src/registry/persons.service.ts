import { Injectable } from '@nestjs/common';
import type { PersonResponse, PersonViewDto } from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { PersonsRepository, type HistoryRow, type ImmunizationRow, type PersonRow } from './persons.repository';

/** The person view: opened with a purpose, and every opening is audited before any data leaves. */
@Injectable()
export class PersonsService {
  constructor(private readonly repo: PersonsRepository, private readonly audit: AuditService) {}

  async view(id: string, dto: PersonViewDto): Promise<PersonResponse> {
    const person = await this.repo.person(id);
    if (!person) throw problem(404, 'Not Found', 'No person has that id.');
    const [immunizations, history] = await Promise.all([this.repo.immunizations(id), this.repo.history(id)]);
    await this.audit.record({
      action: 'person.viewed', target: { type: 'person', id }, reason: dto.caseNumber ? `case ${dto.caseNumber}` : null,
      details: { purpose: dto.purpose, caseNumber: dto.caseNumber ?? null, registryId: person.registry_id },
    });
    return toPersonResponse(person, immunizations, history);
  }
}

function toPersonResponse(p: PersonRow, imms: ImmunizationRow[], history: HistoryRow[]): PersonResponse {
  return {
    id: p.id, registryId: p.registry_id, givenNames: p.given_names, familyName: p.family_name, suffix: p.suffix,
    aliases: p.aliases, birthDate: p.birth_date, sex: p.sex, phones: p.phones, emails: p.emails,
    address: { line: p.address_line, city: p.city, state: p.state, zip: p.zip, county: p.county },
    deceased: p.deceased, qualityFlags: p.quality_flags, registryConflict: p.registry_conflict, version: p.version,
    updatedAt: p.updated_at.toISOString(),
    immunizations: imms.map((i) => ({
      id: i.id, registryId: i.registry_id, cvx: i.cvx, vaccine: i.display, vaccineGroup: i.vaccine_group, mvx: i.mvx,
      lotNumber: i.lot_number, occurrenceDate: i.occurrence_date, doseNumber: i.dose_number, performer: i.performer,
      status: i.status, source: i.source,
    })),
    history: history.map((h) => ({
      id: h.id, recordType: h.record_type, recordId: h.record_id, version: h.version, changedAt: h.changed_at.toISOString(),
      changedBy: h.changed_by_username, changeSource: h.change_source, reason: h.reason, oldValues: h.old_values, newValues: h.new_values,
    })),
  };
}
