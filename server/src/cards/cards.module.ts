import { RegistryModule } from '../registry/registry.module';
import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { CardDownloadsService } from './card-downloads.service';
import { CardsController } from './cards.controller';
import { CardsRepository } from './cards.repository';
import { CARD_CLOCK, CardsService } from './cards.service';
import { QrRenderPool } from './qr-render.pool';
import { RidSecret } from './rid-secret';

@Module({
  imports: [KeysModule, RegistryModule],
  controllers: [CardsController],
  providers: [
    CardsService, CardsRepository, CardDownloadsService, QrRenderPool, RidSecret,
    { provide: CARD_CLOCK, useValue: () => new Date() },
  ],
  exports: [CardsService, QrRenderPool, CARD_CLOCK],
})
export class CardsModule {}
