import { Injectable, StreamableFile } from '@nestjs/common';
import type {
  AuditEventResponse, AuditExportDto, AuditQueryDto, AuditVerifyResponse, Page, SignedHeadResponse,
} from '@tessera/contracts';
import { problem } from '../common/problem.filter';
import { exportStream } from './audit-export';
import { AuditHeadService } from './audit-head.service';
import { AuditService } from './audit.service';

/** What auditors do with the log: search, export, verify, sign the head. Each of these is itself audited. */
@Injectable()
export class AuditLogService {
  constructor(private readonly audit: AuditService, private readonly heads: AuditHeadService) {}

  async search(query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const page = await this.audit.list(query);
    await this.audit.record({ action: 'audit.searched', details: { filter: filterOf(query), total: page.total } });
    return page;
  }

  async export(query: AuditExportDto): Promise<StreamableFile> {
    await this.audit.record({ action: 'audit.exported', details: { format: query.format, filter: filterOf(query) } });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return new StreamableFile(exportStream(this.audit.stream(query), query.format), {
      type: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
      disposition: `attachment; filename="tessera-audit-${stamp}.${query.format}"`,
    });
  }

  async verify(): Promise<AuditVerifyResponse> {
    const result = await this.heads.verify();
    await this.audit.record({
      action: 'audit.verified',
      outcome: result.intact ? 'success' : 'failed',
      details: { checked: result.checked, head: result.head?.seq ?? null, firstBroken: result.firstBroken, signedHeadFailures: result.signedHeads.failures.length },
    });
    return result;
  }

  async signHead(): Promise<SignedHeadResponse> {
    const signed = await this.heads.signNow();
    if (!signed) throw problem(409, 'Nothing to sign', 'The audit log is empty.');
    await this.audit.record({ action: 'audit.head_signed', details: { seq: signed.seq } });
    return signed;
  }
}

function filterOf(q: AuditQueryDto | AuditExportDto): Record<string, unknown> {
  const { actor, action, targetType, targetId, outcome, from, to } = q;
  return { actor, action, targetType, targetId, outcome, from, to };
}
