import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { SessionResponse, SessionStage } from '@tessera/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { StaffEntity } from '../staff/staff.entity';
import { SessionCache } from './session-cache';
import { newToken, tokenHash } from './session-tokens';
import { StaffSessionEntity, type SessionEndReason } from './staff-session.entity';

export interface IssuedSession {
  session: StaffSessionEntity;
  token: string;
  csrfToken: string;
}

export interface ResolvedSession {
  session: StaffSessionEntity;
  staff: StaffEntity;
}

/** Server-side sessions: opaque token in a cookie, stored hashed; idle and absolute timeouts. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: SessionCache,
  ) {}

  /** `s.col AS "s_prop", st.col AS "st_prop"` for every mapped column of both entities. */
  private selectCache: string[] | null = null;

  private get selectList(): string[] {
    return (this.selectCache ??= [
      ...this.dataSource.getMetadata(StaffSessionEntity).columns.map((c) => `s.${c.databaseName} AS "s_${c.propertyName}"`),
      ...this.dataSource.getMetadata(StaffEntity).columns.map((c) => `st.${c.databaseName} AS "st_${c.propertyName}"`),
    ]);
  }

  private hydrate<T extends object>(type: new () => T, prefix: string, row: Record<string, unknown>): T {
    const entity = new type();
    for (const [k, v] of Object.entries(row)) if (k.startsWith(prefix)) (entity as Record<string, unknown>)[k.slice(prefix.length)] = v;
    return entity;
  }

  get idleMs(): number {
    return this.config.sessionIdleMinutes * 60_000;
  }

  async create(m: EntityManager, staffId: string, stage: SessionStage, client: { address: string | null; userAgent: string | null }): Promise<IssuedSession> {
    const token = newToken();
    const csrfToken = newToken();
    const session = m.create(StaffSessionEntity, {
      staffId, stage, tokenHash: tokenHash(token), csrfHash: tokenHash(csrfToken),
      lastSeenAt: new Date(), expiresAt: new Date(Date.now() + this.config.sessionAbsoluteHours * 3_600_000),
      endedAt: null, endReason: null, clientAddress: client.address, userAgent: client.userAgent?.slice(0, 512) ?? null,
    });
    await m.save(session);
    return { session, token, csrfToken };
  }

  /** Moves a session to its next stage under a fresh token (no fixation across privilege changes). */
  async advance(m: EntityManager, session: StaffSessionEntity, stage: SessionStage): Promise<IssuedSession> {
    this.cache.forgetStaff(m, session.staffId);
    const token = newToken();
    const csrfToken = newToken();
    const next = { stage, tokenHash: tokenHash(token), csrfHash: tokenHash(csrfToken), lastSeenAt: new Date() };
    // Only a session that is still open under the token the caller holds: never bring back one that was ended (a
    // reset or a disable) between the request's session check and this step.
    const moved = await m.createQueryBuilder().update(StaffSessionEntity).set(next)
      .where('id = :id AND ended_at IS NULL AND token_hash = :old', { id: session.id, old: session.tokenHash })
      .execute();
    if (!moved.affected) throw problem(401, 'Unauthorized', 'This session has ended. Sign in again.');
    Object.assign(session, next);
    return { session, token, csrfToken };
  }

  /** The live session for a cookie token, or null. Ends (and audits) a session found timed out. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const hash = tokenHash(token);
    const key = hash.toString('base64');
    const cached = this.cache.get(key);
    if (cached && this.endReason(cached.session, Date.now()) === null) {
      await this.touch(cached.session, key);
      return cached;
    }
    if (cached) this.cache.forget(key); // timed out: the database decides, below
    const generation = this.cache.currentGeneration;
    // One round trip for session and account (this runs on every request; the query builder cost more than the query).
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.selectList.join(', ')} FROM staff_session s JOIN staff st ON st.id = s.staff_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL`, [hash]);
    const row = rows[0];
    if (!row) return null;
    const session = this.hydrate(StaffSessionEntity, 's_', row);
    const staff = this.hydrate(StaffEntity, 'st_', row);
    const reason = this.endReason(session, Date.now());
    if (reason) {
      await this.dataSource.transaction(async (m) => {
        const ended = await this.endWhere(m, { id: session.id }, reason);
        if (ended > 0) {
          await this.audit.append(m, {
            action: 'session.expired', actor: null, target: { type: 'staff_session', id: session.id }, details: { reason, staffId: session.staffId },
          });
        }
      });
      return null;
    }
    if (staff.status !== 'active') return null;
    await this.touch(session, null);
    this.cache.put(key, session, staff, generation);
    return { session, staff };
  }

  private endReason(session: StaffSessionEntity, now: number): SessionEndReason | null {
    return session.expiresAt.getTime() <= now ? 'absolute_timeout'
      : session.lastSeenAt.getTime() + this.idleMs <= now ? 'idle_timeout' : null;
  }

  /** Records activity for the idle timeout, at most every 10 s per session. */
  private async touch(session: StaffSessionEntity, cacheKey: string | null): Promise<void> {
    const now = Date.now();
    if (now - session.lastSeenAt.getTime() <= 10_000) return;
    session.lastSeenAt = new Date(now);
    if (cacheKey) this.cache.touch(cacheKey, session.lastSeenAt);
    await this.dataSource.getRepository(StaffSessionEntity).update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
  }

  /** Call inside a transaction that changes a staff account's roles, status or factors (see SessionCache.forgetStaff). */
  staffChanging(m: EntityManager, staffId: string): void {
    this.cache.forgetStaff(m, staffId);
  }

  async end(m: EntityManager, sessionId: string, reason: SessionEndReason): Promise<number> {
    return this.endWhere(m, { id: sessionId }, reason);
  }

  /** Ends every open session of a staff member (optionally but one). */
  async endAllFor(m: EntityManager, staffId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<number> {
    this.cache.forgetStaff(m, staffId);
    const qb = m.createQueryBuilder().update(StaffSessionEntity)
      .set({ endedAt: () => 'now()', endReason: reason })
      .where('staff_id = :staffId AND ended_at IS NULL', { staffId });
    if (exceptSessionId) qb.andWhere('id <> :except', { except: exceptSessionId });
    return (await qb.execute()).affected ?? 0;
  }

  async listOwn(staffId: string, currentId: string): Promise<SessionResponse[]> {
    const sessions = await this.dataSource.getRepository(StaffSessionEntity).find({
      where: { staffId, endedAt: IsNull() }, order: { createdAt: 'DESC' }, take: 100,
    });
    const now = Date.now();
    return sessions
      .filter((s) => s.expiresAt.getTime() > now && s.lastSeenAt.getTime() + this.idleMs > now)
      .map((s) => ({
        id: s.id, current: s.id === currentId, stage: s.stage, createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString(),
        clientAddress: s.clientAddress, userAgent: s.userAgent,
      }));
  }

  /** A staff member ends one of their own sessions. Someone else's session answers 404. */
  async endOwn(staffId: string, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      this.cache.forgetStaff(m, staffId);
      const ended = await m.createQueryBuilder().update(StaffSessionEntity)
        .set({ endedAt: () => 'now()', endReason: 'ended_by_user' })
        .where('id = :sessionId AND staff_id = :staffId AND ended_at IS NULL', { sessionId, staffId })
        .execute();
      if (!ended.affected) throw problem(404, 'Not Found', 'No open session of yours has that id.');
      await this.audit.append(m, { action: 'session.ended', target: { type: 'staff_session', id: sessionId }, details: { reason: 'ended_by_user' } });
    });
  }

  private async endWhere(m: EntityManager, where: { id: string }, reason: SessionEndReason): Promise<number> {
    this.cache.forgetSession(m, where.id);
    const r = await m.createQueryBuilder().update(StaffSessionEntity)
      .set({ endedAt: () => 'now()', endReason: reason })
      .where('id = :id AND ended_at IS NULL', where)
      .execute();
    return r.affected ?? 0;
  }
}
