import { Injectable } from '@nestjs/common';
import type { PortalCardRequestDto, PortalCardResponse } from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { RegistryRecords } from '../registry/registry-records';
import { CardsService } from '../cards/cards.service';
import type { PortalClient } from './portal-clients.service';

/**
 * The resident portal's card request: the portal has matched the resident to a registry person itself; Tessera issues
 * that person's COVID-19 card (channel `portal`, no staff member, audited as `portal:<client name>`).
 */
@Injectable()
export class PortalCardsService {
  constructor(private readonly cards: CardsService, private readonly registry: RegistryRecords, private readonly audit: AuditService) {}

  async issue(client: PortalClient, dto: PortalCardRequestDto): Promise<PortalCardResponse> {
    const personId = await this.registry.personIdByRegistryId(dto.registryPersonId);
    if (!personId) {
      await this.audit.record({
        action: 'card.issue_refused', outcome: 'failed', actor: null, actorUsername: `portal:${client.name}`,
        target: { type: 'person', id: null }, details: { channel: 'portal', why: 'unknown_person', portalClientId: client.id },
      });
      throw problem(404, 'Not Found', 'No person has that registry id.');
    }
    const card = await this.cards.issue({ personId, channel: 'portal', issuer: { kind: 'portal', clientId: client.id, name: client.name } });
    return { verifiableCredential: [card.jws], qrText: card.qrText, cardId: card.id };
  }
}
