import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AuditExportDto, AuditQueryDto, type AuditEventResponse, type AuditVerifyResponse, type Page, type SignedHeadResponse,
} from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import { AuditLogService } from './audit-log.service';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get()
  @RequirePermission('audit:read')
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    return this.log.search(query);
  }

  @Get('export')
  @RequirePermission('audit:export')
  async export(@Query() query: AuditExportDto): Promise<StreamableFile> {
    return this.log.export(query);
  }

  @Post('verify')
  @HttpCode(200)
  @RequirePermission('audit:verify')
  verify(): Promise<AuditVerifyResponse> {
    return this.log.verify();
  }

  @Post('sign-head')
  @HttpCode(200)
  @RequirePermission('audit:sign-head')
  signHead(): Promise<SignedHeadResponse> {
    return this.log.signHead();
  }
}
