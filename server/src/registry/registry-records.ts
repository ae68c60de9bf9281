import { Injectable } from '@nestjs/common';
import { PersonsRepository, type ImmunizationRow, type PersonRow } from './persons.repository';

/**
 * What other modules (cards, portal, inspector) may read of the registry replica. Plain reads with no audit entry:
 * the caller audits its own use of them (a card issuance, a download, an inspection).
 */
@Injectable()
export class RegistryRecords {
  constructor(private readonly repo: PersonsRepository) {}

  person(id: string): Promise<PersonRow | null> {
    return this.repo.person(id);
  }

  personIdByRegistryId(registryId: string): Promise<string | null> {
    return this.repo.idByRegistryId(registryId);
  }

  /** Every immunization of the person, oldest first, with the vaccine's name and group. */
  immunizations(personId: string): Promise<ImmunizationRow[]> {
    return this.repo.immunizations(personId);
  }

  /** Vaccine names and groups by CVX code (codes not in the table are left out). */
  vaccineNames(cvx: readonly string[]): Promise<Map<string, { display: string; group: string }>> {
    return this.repo.vaccineNames(cvx);
  }
}
