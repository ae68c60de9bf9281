import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PersonSearchDto, PersonViewDto, type PersonResponse, type PersonSearchResponse } from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import { PersonSearchService } from './person-search.service';
import { PersonsService } from './persons.service';

@ApiTags('registry')
@Controller('persons')
export class PersonsController {
  constructor(private readonly search: PersonSearchService, private readonly persons: PersonsService) {}

  @Get('search')
  @RequirePermission('person:search')
  find(@Query() dto: PersonSearchDto): Promise<PersonSearchResponse> {
    return this.search.search(dto);
  }

  @Get(':id')
  @RequirePermission('person:read')
  view(@Param('id', new ParseUUIDPipe()) id: string, @Query() dto: PersonViewDto): Promise<PersonResponse> {
    return this.persons.view(id, dto);
  }
}
