import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { RegistryImportResponse } from '@tessera/contracts';
import { RequirePermission } from '../../common/auth-metadata';
import { ImportUploads } from './import-uploads';
import { RegistryImportService } from './registry-import.service';

@ApiTags('registry')
@Controller('registry-imports')
export class RegistryImportsController {
  constructor(private readonly imports: RegistryImportService, private readonly uploads: ImportUploads) {}

  /** Upload a file (raw body, `Content-Type: application/octet-stream`, name in `X-Filename`): 202, then poll the run. */
  @Post()
  @HttpCode(202)
  @RequirePermission('registry:import')
  upload(@Req() req: Request): Promise<RegistryImportResponse> {
    return this.uploads.receive(req);
  }

  @Get()
  @RequirePermission('registry:import')
  list(): Promise<RegistryImportResponse[]> {
    return this.imports.list();
  }

  @Get(':id')
  @RequirePermission('registry:import')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<RegistryImportResponse> {
    return this.imports.get(id);
  }
}
