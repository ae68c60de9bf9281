import { RegistryModule } from '../registry/registry.module';
import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module';
import { KeysModule } from '../keys/keys.module';
import { CardInspectionsController } from './card-inspections.controller';
import { CardInspectorService } from './card-inspector.service';

@Module({
  imports: [CardsModule, KeysModule, RegistryModule],
  controllers: [CardInspectionsController],
  providers: [CardInspectorService],
})
export class InspectorModule {}
