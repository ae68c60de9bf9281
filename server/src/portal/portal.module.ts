import { RegistryModule } from '../registry/registry.module';
import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { PortalCardsController } from './portal-cards.controller';
import { PortalCardsService } from './portal-cards.service';
import { PortalClientGuard } from './portal-client.guard';
import { PortalClientsController } from './portal-clients.controller';
import { PortalClientsRepository } from './portal-clients.repository';
import { PortalClientsService } from './portal-clients.service';
import { PORTAL_NOW_MS, PortalRateLimiter } from './portal-rate-limiter';

@Module({
  imports: [CardsModule, RegistryModule],
  controllers: [PortalClientsController, PortalCardsController],
  providers: [
    PortalClientsRepository, PortalClientsService, PortalCardsService, PortalClientGuard, PortalRateLimiter,
    { provide: PORTAL_NOW_MS, useValue: () => performance.now() },
  ],
})
export class PortalModule {}
