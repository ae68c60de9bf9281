import { Module } from '@nestjs/common';
import { PersonSearchRepository } from './person-search.repository';
import { PersonSearchService } from './person-search.service';
import { PersonsController } from './persons.controller';
import { PersonsRepository } from './persons.repository';
import { PersonsService } from './persons.service';
import { RegistryRecords } from './registry-records';
import { SeedService } from './seed/seed.service';
import { ImportUploads } from './import/import-uploads';
import { RegistryImportService } from './import/registry-import.service';
import { RegistryImportsController } from './import/registry-imports.controller';
import { RegistryWriter } from './import/registry-writer';

@Module({
  controllers: [PersonsController, RegistryImportsController],
  providers: [
    PersonSearchRepository, PersonSearchService, PersonsRepository, PersonsService, RegistryRecords, SeedService, RegistryWriter, RegistryImportService,
    ImportUploads, { provide: 'IMPORT_CLOCK', useValue: () => new Date() },
  ],
  exports: [PersonSearchService, SeedService, RegistryImportService, RegistryRecords],
})
export class RegistryModule {}
