import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ActivateIssuerKeyDto, KeyReasonDto, RevocationDecisionDto, type IssuerKeyResponse, type IssuerKeysResponse,
  type KeyRevocationRequestResponse,
} from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import { KeysService } from './keys.service';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('issuer keys')
@Controller('issuer-keys')
export class IssuerKeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  @RequirePermission('issuer-key:read')
  list(): Promise<IssuerKeysResponse> {
    return this.keys.list();
  }

  @Post()
  @RequirePermission('issuer-key:manage')
  create(@Body() dto: KeyReasonDto): Promise<IssuerKeyResponse> {
    return this.keys.create(dto.reason);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('issuer-key:manage')
  activate(@Id() id: string, @Body() dto: ActivateIssuerKeyDto): Promise<IssuerKeyResponse> {
    return this.keys.activate(id, dto);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequirePermission('issuer-key:manage')
  retire(@Id() id: string, @Body() dto: KeyReasonDto): Promise<IssuerKeyResponse> {
    return this.keys.retire(id, dto.reason);
  }

  @Post(':id/revocation-requests')
  @RequirePermission('issuer-key:revoke')
  requestRevocation(@Id() id: string, @Body() dto: KeyReasonDto): Promise<KeyRevocationRequestResponse> {
    return this.keys.requestRevocation(id, dto.reason);
  }
}

@ApiTags('issuer keys')
@Controller('issuer-key-revocations')
export class KeyRevocationsController {
  constructor(private readonly keys: KeysService) {}

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('issuer-key:revoke')
  decide(@Id() id: string, @Body() dto: RevocationDecisionDto): Promise<KeyRevocationRequestResponse> {
    return this.keys.decideRevocation(id, dto);
  }
}
