import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CreatedPortalClientResponse, CreatePortalClientDto, KeyReasonDto, PortalClientResponse } from '@tessera/contracts';
import { PORTAL_NOW_MS, TokenBuckets } from './portal-rate-limiter';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { requestContext } from '../common/request-context';
import { TransactionRunner } from '../database/transaction';
import { PortalClientsRepository, type PortalClientRow } from './portal-clients.repository';

export interface PortalClient {
  id: string;
  name: string;
}

const CREDENTIAL = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
const HASH_PREFIX = 'sha256:';

/**
 * The secret's stored form. SHA-256, not a password hash: the secret is 256 random bits, so there is nothing to
 * brute-force and no need for a slow, salted function (which would only make every portal request cost ~50 ms).
 */
export function secretHash(secret: string): string {
  return HASH_PREFIX + createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Compared over fixed-length digests, in constant time. */
function sameSecret(secret: string, stored: string): boolean {
  const a = Buffer.from(secretHash(secret));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Stands in for an unknown client id, so a miss costs the same hash and comparison as a hit. */
const NO_CLIENT_HASH = secretHash(randomBytes(32).toString('base64url'));

/**
 * The resident portal's machine credentials: key administrators create (the credential `<id>.<secret>` is shown
 * once) and revoke them, each with a reason; the portal presents one as `Authorization: Bearer`.
 */
@Injectable()
export class PortalClientsService {
  constructor(
    private readonly repo: PortalClientsRepository, private readonly audit: AuditService, private readonly tx: TransactionRunner,
    @Inject(PORTAL_NOW_MS) nowMs: () => number,
  ) {
    this.failures = new TokenBuckets(FAILED_CREDENTIALS_PER_MINUTE, nowMs);
  }

  private readonly failures: TokenBuckets;

  async list(): Promise<PortalClientResponse[]> {
    return (await this.repo.list()).map(toResponse);
  }

  async create(dto: CreatePortalClientDto): Promise<CreatedPortalClientResponse> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const createdBy = requestContext.get()?.actor?.staffId ?? null;
    const row = await this.tx.run(async (m) => {
      if (!(await this.repo.insert(m, { id, name: dto.name, secretHash: secretHash(secret), createdBy }))) {
        throw problem(409, 'Name taken', `A portal client named "${dto.name}" already exists (revoked clients keep their name).`);
      }
      await this.audit.append(m, {
        action: 'portal_client.created', target: { type: 'portal_client', id }, reason: dto.reason, details: { clientId: id, name: dto.name },
      });
      return this.repo.get(m, id);
    });
    return { ...toResponse(row!), credential: `${id}.${secret}` };
  }

  async revoke(id: string, dto: KeyReasonDto): Promise<PortalClientResponse> {
    const row = await this.tx.run(async (m) => {
      const client = await this.repo.lock(m, id);
      if (!client) throw problem(404, 'Not Found', 'No portal client has that id.');
      if (client.revoked_at) throw problem(409, 'Already revoked', `Portal client "${client.name}" was revoked on ${client.revoked_at.toISOString()}.`);
      await this.repo.revoke(m, id, requestContext.get()?.actor?.staffId ?? null);
      await this.audit.append(m, {
        action: 'portal_client.revoked', target: { type: 'portal_client', id }, reason: dto.reason, details: { clientId: id, name: client.name },
      });
      return this.repo.get(m, id);
    });
    return toResponse(row!);
  }

  /**
   * Checks `Authorization: Bearer <id>.<secret>`. Every failure answers the same 401 and is audited with why (never
   * the secret); a revoked client is refused like an unknown one.
   */
  /** `address`: the caller's address, for throttling failed attempts (they are audited once a minute, then refused with 429). */
  async authenticate(authorization: string | undefined, address = 'unknown'): Promise<PortalClient> {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return this.deny(authorization ? 'malformed' : 'missing', null, address);
    const parts = CREDENTIAL.exec(match[1]!);
    if (!parts) return this.deny('malformed', null, address);
    const [, id, secret] = parts as unknown as [string, string, string];
    const row = await this.repo.credential(id);
    const matches = sameSecret(secret, row?.secret_hash ?? NO_CLIENT_HASH);
    if (!row || !matches) return this.deny(row ? 'wrong_secret' : 'unknown_client', row, address);
    if (row.revoked_at) return this.deny('revoked', row, address);
    await this.repo.touch(row.id);
    return { id: row.id, name: row.name };
  }

  async denyRateLimited(client: PortalClient): Promise<void> {
    await this.audit.record({
      action: 'portal_client.denied', outcome: 'denied', actor: null, actorUsername: `portal:${client.name}`,
      target: { type: 'portal_client', id: client.id }, details: { why: 'rate_limited', clientId: client.id },
    });
  }

  private async deny(why: string, client: { id: string; name: string } | null, address: string): Promise<never> {
    // Failures per address and minute are limited: a flood of bad credentials can neither grow the audit log without
    // bound (one entry per minute once throttled) nor guess secrets at full speed.
    const limited = this.failures.take(address);
    if (!limited || limited.audit) {
      await this.audit.record({
        action: 'portal_client.denied', outcome: 'denied', actor: null, actorUsername: client ? `portal:${client.name}` : null,
        target: { type: 'portal_client', id: client?.id ?? null }, details: { why, clientId: client?.id ?? null, throttled: limited !== null },
      });
    }
    if (limited) {
      throw problem(429, 'Too Many Requests', `Too many failed portal credentials from this address. Retry in ${limited.retryAfter} s.`, { retryAfter: limited.retryAfter });
    }
    throw problem(401, 'Unauthorized', 'A valid portal client credential is required: Authorization: Bearer <client id>.<secret>.');
  }
}

function toResponse(r: PortalClientRow): PortalClientResponse {
  return {
    id: r.id, name: r.name, createdAt: r.created_at.toISOString(), createdBy: r.created_by,
    revokedAt: r.revoked_at?.toISOString() ?? null, lastUsedAt: r.last_used_at?.toISOString() ?? null,
  };
}

/** Failed credentials accepted from one address per minute before it is answered 429. */
export const FAILED_CREDENTIALS_PER_MINUTE = 20;
