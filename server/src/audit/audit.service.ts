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

/** Most standalone entries written in one group commit. */
const GROUP_COMMIT_MAX = 64;

type PreparedEntry = Omit<ChainedEntry, 'seq' | 'occurredAt' | 'prevHash'>;

/** The one factory for audit entries, and the audit log's reads. */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository, private readonly tx: TransactionRunner) {}

  /** Standalone entries waiting for the next group commit (see `record`). */
  private queue: { entry: PreparedEntry; resolve: (e: ChainedEntry & { hash: string }) => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Appends an entry inside the caller's transaction: it commits with the change it records, or not at all.
   * Call it last in the unit of work: it holds the chain lock until the transaction ends.
   */
  async append(m: EntityManager, input: AuditEventInput): Promise<ChainedEntry & { hash: string }> {
    this.knownHead = null; // this transaction moves the head: the next group commit reads it rather than collide
    const [chained] = await this.chain(m, [this.prepare(input)]);
    return chained!;
  }

  /**
   * For events that change nothing else (searches, views, denials, failed sign-ins). Resolves once the entry is
   * committed. Concurrent calls share one transaction (group commit: one chain lock, one multi-row insert, one
   * commit), so the chain lock does not serialise every read of the system; each caller still waits for its commit.
   */
  record(input: AuditEventInput): Promise<ChainedEntry & { hash: string }> {
    let entry: PreparedEntry;
    try {
      entry = this.prepare(input); // actor and request are taken now, from the caller's context
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
        try {
          const chained = await this.commitStandalone(batch.map((b) => b.entry));
          batch.forEach((b, i) => b.resolve(chained[i]!));
        } catch {
          // One bad entry must not fail its neighbours: retry each alone; each caller gets its own outcome.
          for (const b of batch) {
            await this.tx.run((m) => this.chain(m, [b.entry])).then((c) => b.resolve(c[0]!), b.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The chain head as this process last saw it (its own last insert, or a read), with the clock of that moment.
   * Standalone entries are linked after it and inserted in one statement; when another writer (a transaction of
   * this process, another server, the command line) has moved the head, the insert is refused whole and the head
   * read again.
   */
  private knownHead: { seq: bigint; hash: string; at: string } | null = null;

  private async commitStandalone(entries: PreparedEntry[]): Promise<(ChainedEntry & { hash: string })[]> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (!this.knownHead) {
          const h = await this.repo.headAndClock();
          this.knownHead = { seq: h.seq === null ? 0n : BigInt(h.seq), hash: h.hash ?? GENESIS_HASH, at: h.now };
        }
        const now = new Date().toISOString();
        // Never earlier than the head this process knows: the log reads in order even if clocks differ a little.
        const occurredAt = now > this.knownHead.at ? now : this.knownHead.at;
        const chained = link(this.knownHead.seq, this.knownHead.hash, occurredAt, entries);
        const inserted = await this.repo.insertAfterKnownHead(chained);
        const last = chained[chained.length - 1]!;
        this.knownHead = inserted ? { seq: BigInt(last.seq), hash: last.hash, at: occurredAt } : null;
        if (inserted) return chained;
      } catch (err) {
        this.knownHead = null;
        throw err;
      }
    }
    // The head kept moving (many other writers): wait for the chain lock instead.
    return this.tx.run((m) => this.chain(m, entries));
  }

  /** Everything but the chain position, from the input and the request context at the time of the call. */
  private prepare(input: AuditEventInput): PreparedEntry {
    const reason = input.reason?.trim() || null;
    if (AUDIT_ACTIONS_REQUIRING_REASON.includes(input.action) && !reason) {
      throw new Error(`audit action ${input.action} requires a reason`);
    }
    const ctx = requestContext.get();
    const actor = input.actor !== undefined ? input.actor : (ctx?.actor ?? null);
    return {
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
    };
  }

  /** Takes the chain lock, links the entries after the head and inserts them (one statement). */
  private async chain(m: EntityManager, entries: PreparedEntry[]): Promise<(ChainedEntry & { hash: string })[]> {
    const head = await this.repo.lockHead(m);
    const chained = link(head.seq === null ? 0n : BigInt(head.seq), head.hash ?? GENESIS_HASH, head.now, entries);
    await this.repo.insert(m, chained);
    return chained;
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

/** Gives entries their places after the head (`seq`, `hash`) and their hashes. */
function link(headSeq: bigint, headHash: string, occurredAt: string, entries: PreparedEntry[]): (ChainedEntry & { hash: string })[] {
  let seq = headSeq;
  let prevHash = headHash;
  return entries.map((e) => {
    seq += 1n;
    const entry: ChainedEntry = { seq: seq.toString(), occurredAt, ...e, prevHash };
    const hash = entryHash(entry);
    prevHash = hash;
    return { ...entry, hash };
  });
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
