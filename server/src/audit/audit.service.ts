import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AUDIT_ACTIONS_REQUIRING_REASON, type AuditEventResponse, type AuditExportDto, type AuditQueryDto, type Page,
} from '@tessera/contracts';
import { entryHash, GENESIS_HASH, type ChainedEntry } from '@tessera/audit-chain';
import { requestContext } from '../common/request-context';
import { TransactionRunner } from '../database/transaction';
import { AuditRepository } from './audit.repository';
import type { AuditEventInput, AuditRow } from './audit.types';

/** Keys that must never reach the audit log, whatever a caller passes in `details`. */
const SECRET_KEY = /pass(word)?|secret|token|otp|recovery|private|cookie|^d$/i;

/** The one factory for audit entries, and the audit log's reads. */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository, private readonly tx: TransactionRunner) {}

  /**
   * Appends an entry inside the caller's transaction: it commits with the change it records, or not at all.
   * Call it last in the unit of work: it holds the chain lock until the transaction ends.
   */
  async append(m: EntityManager, input: AuditEventInput): Promise<ChainedEntry & { hash: string }> {
    const reason = input.reason?.trim() || null;
    if (AUDIT_ACTIONS_REQUIRING_REASON.includes(input.action) && !reason) {
      throw new Error(`audit action ${input.action} requires a reason`);
    }
    const ctx = requestContext.get();
    const actor = input.actor !== undefined ? input.actor : (ctx?.actor ?? null);
    const head = await this.repo.lockHead(m);
    const entry: ChainedEntry = {
      seq: head.seq === null ? '1' : (BigInt(head.seq) + 1n).toString(),
      occurredAt: head.now,
      actorId: actor?.staffId ?? null,
      actorUsername: actor?.username ?? input.actorUsername ?? null,
      actorRoles: actor ? [...actor.roles].sort() : [],
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      outcome: input.outcome ?? 'success',
      reason,
      requestId: ctx?.requestId ?? null,
      clientAddress: ctx?.clientAddress ?? null,
      userAgent: ctx?.userAgent ? ctx.userAgent.slice(0, 512) : null,
      details: scrub(input.details ?? {}) as Record<string, unknown>,
      prevHash: head.hash ?? GENESIS_HASH,
    };
    const chained = { ...entry, hash: entryHash(entry) };
    await this.repo.insert(m, chained);
    return chained;
  }

  /** For events that change nothing else (denials, failed sign-ins): their own transaction. */
  record(input: AuditEventInput): Promise<ChainedEntry & { hash: string }> {
    return this.tx.run((m) => this.append(m, input));
  }

  async list(q: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const page = q.page ?? 0;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await this.repo.page(q, q.sort ?? 'seq', q.order ?? 'desc', page * pageSize, pageSize);
    return { items: rows.map(toResponse), total, page, pageSize };
  }

  stream(filter: AuditExportDto): AsyncGenerator<AuditRow> {
    return this.repo.stream(filter);
  }
}

export function toResponse(r: AuditRow): AuditEventResponse {
  return {
    seq: r.seq, occurredAt: r.occurred_at, actorId: r.actor_id, actorUsername: r.actor_username,
    actorRoles: r.actor_roles, action: r.action, targetType: r.target_type, targetId: r.target_id,
    outcome: r.outcome as AuditEventResponse['outcome'], reason: r.reason, requestId: r.request_id,
    clientAddress: r.client_address, userAgent: r.user_agent, details: r.details, prevHash: r.prev_hash, hash: r.hash,
  };
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrub(v);
    }
    return out;
  }
  return value;
}
