import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreatePortalClientDto, KeyReasonDto, type CreatedPortalClientResponse, type PortalClientResponse,
} from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import { PortalClientsService } from './portal-clients.service';

@ApiTags('portal')
@Controller('portal-clients')
export class PortalClientsController {
  constructor(private readonly clients: PortalClientsService) {}

  @Get()
  @RequirePermission('portal-client:manage')
  list(): Promise<PortalClientResponse[]> {
    return this.clients.list();
  }

  /** The credential is in this response only: it is stored hashed. */
  @Post()
  @RequirePermission('portal-client:manage')
  @Header('Cache-Control', 'no-store')
  create(@Body() dto: CreatePortalClientDto): Promise<CreatedPortalClientResponse> {
    return this.clients.create(dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('portal-client:manage')
  revoke(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: KeyReasonDto): Promise<PortalClientResponse> {
    return this.clients.revoke(id, dto);
  }
}
