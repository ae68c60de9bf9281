import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction';
import { AuditHeadService } from './audit-head.service';
import { AuditLogService } from './audit-log.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditHeadService, AuditLogService, TransactionRunner],
  exports: [AuditService, AuditHeadService, TransactionRunner],
})
export class AuditModule {}
