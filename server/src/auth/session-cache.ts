import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import {
  DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { StaffEntity } from '../staff/staff.entity';
import { StaffSessionEntity } from './staff-session.entity';

/** The channel the `notify_auth_changed` trigger signals on (payload: a staff id, or `*` for everything). */
export const AUTH_CHANGED_CHANNEL = 'tessera_auth_changed';

/** Most sessions held at once (the oldest entry goes first). */
const MAX_ENTRIES = 10_000;

/** Where a transaction lists the ids it holds out of the cache (QueryRunner.data). */
const HELD_IDS = 'tessera.sessionCache.held';

/** How often the listening connection must prove it is alive, and how long it may take to answer. */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/** Longest a hold lasts if its transaction's end were never seen. */
const HOLD_MAX_MS = 60_000;

interface Entry {
  session: StaffSessionEntity;
  staff: StaffEntity;
  until: number;
}

/**
 * A short-lived, per-process cache of signed-in sessions, so a request does not need its own database round trip
 * for the session when the same session was resolved a moment ago.
 *
 * Revocation stays immediate: the database signals every change to a staff account or session (the
 * `notify_auth_changed` trigger, whoever writes: any server process, the command line, plain SQL) and this drops
 * that staff member's entries. The cache is used only while that signal is heard: if the listening connection is
 * lost, everything is dropped and every request reads the database until it is back. A generation counter keeps a
 * read that raced a change from being cached. The listening connection must reach PostgreSQL directly or through a
 * session-pooling proxy (a transaction-pooling PgBouncer does not deliver notifications); it is checked every 10 s. Only sessions in the `active` stage are kept, never a failed lookup
 * (random tokens cannot fill it), and the key is the token's hash, not the token.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger('SessionCache');
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private listener: Client | null = null;
  private listening = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Staff and session ids being changed by open transactions of this process (see `forgetStaff`). */
  private readonly held = new Map<string, { count: number; until: number }>();
  /** Bumped on every change signal; a lookup that started before a bump does not cache what it read. */
  private generation = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly dataSource: DataSource) {
    this.ttlMs = config.sessionCacheSeconds * 1000;
    dataSource.subscribers.push(this); // to hear when transactions that hold entries end
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.ttlMs > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.listening = false;
    this.entries.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined); // its 'end' handler stops the heartbeat
  }

  /** The generation to pass back to `put` for a lookup that starts now. */
  get currentGeneration(): number {
    return this.generation;
  }

  get(key: string): { session: StaffSessionEntity; staff: StaffEntity } | null {
    if (!this.listening) return null;
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    // Copies: callers may change what they get (a sign-in step does), the cached state must not follow.
    return { session: copy(StaffSessionEntity, e.session), staff: copy(StaffEntity, e.staff) };
  }

  put(key: string, session: StaffSessionEntity, staff: StaffEntity, generation: number): void {
    if (!this.listening || generation !== this.generation || session.stage !== 'active' || staff.status !== 'active') return;
    if (this.isHeld({ session, staff })) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { session: copy(StaffSessionEntity, session), staff: copy(StaffEntity, staff), until: Date.now() + this.ttlMs });
  }

  /** Records the throttled last-seen bump in the cached copy (the bump itself does not signal a change). */
  touch(key: string, lastSeenAt: Date): void {
    const e = this.entries.get(key);
    if (e) e.session.lastSeenAt = lastSeenAt;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * For a change to a staff account or its sessions made in transaction `m`: drops the staff member's entries now
   * and caches none for them until that transaction has ended, so a read made before the commit is not cached and
   * served after it. (Other processes hear the database's signal at commit.)
   */
  forgetStaff(m: EntityManager, staffId: string): void {
    this.hold(m, staffId);
    this.drop((e) => e.staff.id === staffId);
  }

  /** The same for one session. */
  forgetSession(m: EntityManager, sessionId: string): void {
    this.hold(m, sessionId);
    this.drop((e) => e.session.id === sessionId);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.release(event.queryRunner, true);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.release(event.queryRunner, false);
  }

  private hold(m: EntityManager, id: string): void {
    const qr = m.queryRunner;
    if (!qr?.isTransactionActive) return;
    const ids: string[] = ((qr.data as Record<string, unknown>)[HELD_IDS] as string[] | undefined) ?? [];
    (qr.data as Record<string, unknown>)[HELD_IDS] = [...ids, id];
    const now = Date.now();
    for (const [k, h] of this.held) if (h.until <= now && k !== id) this.held.delete(k);
    const h = this.held.get(id);
    this.held.set(id, { count: (h?.count ?? 0) + 1, until: now + HOLD_MAX_MS });
  }

  private release(qr: QueryRunner | undefined, committed: boolean): void {
    if (!qr || qr.isTransactionActive) return; // a savepoint, not the transaction
    const data = qr.data as Record<string, unknown>;
    const ids = data[HELD_IDS] as string[] | undefined;
    if (!ids) return;
    delete data[HELD_IDS];
    for (const id of ids) {
      const h = this.held.get(id);
      if (h && --h.count <= 0) this.held.delete(id);
    }
    // Anything read while the change was in flight is stale now.
    if (committed) this.drop((e) => ids.includes(e.staff.id) || ids.includes(e.session.id));
  }

  private isHeld(e: { session: StaffSessionEntity; staff: StaffEntity }): boolean {
    if (this.held.size === 0) return false;
    const now = Date.now();
    return (this.held.get(e.staff.id)?.until ?? 0) > now || (this.held.get(e.session.id)?.until ?? 0) > now;
  }

  private drop(which: (e: Entry) => boolean): void {
    this.generation++;
    for (const [k, e] of this.entries) if (which(e)) this.entries.delete(k);
  }

  private onSignal(payload: string | undefined): void {
    if (!payload || payload === '*') this.drop(() => true);
    else this.drop((e) => e.staff.id === payload);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({
      connectionString: url, application_name: 'tessera-auth-listener', keepAlive: true, connectionTimeoutMillis: 10_000,
    });
    let lost = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      clearInterval(heartbeat);
      this.listening = false;
      this.generation++;
      this.entries.clear();
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn(`session cache off: ${why}; every request reads its session from the database until the change signal is back`);
      this.retryTimer = setTimeout(() => void this.listen(), 2000);
      this.retryTimer.unref();
    };
    client.on('notification', (n) => {
      if (n.channel === AUTH_CHANGED_CHANNEL) this.onSignal(n.payload);
    });
    client.on('error', (err: Error) => onLost(`listening connection failed (${err.message})`));
    client.on('end', () => onLost('listening connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      if (lost) return; // the connection broke while LISTEN was answered; a retry is already scheduled
      this.listener = client;
      this.generation++;
      this.listening = true;
      // A connection can die without a word (a dropped NAT entry, a partition): prove it answers, or stop caching.
      heartbeat = setInterval(() => {
        const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 5 s')), HEARTBEAT_TIMEOUT_MS).unref());
        Promise.race([client.query('SELECT 1'), deadline]).catch((err: Error) => onLost(`listening connection check failed (${err.message})`));
      }, HEARTBEAT_MS);
      heartbeat.unref();
    } catch (err) {
      onLost(`could not listen (${(err as Error).message})`);
    }
  }
}

function copy<T extends object>(type: new () => T, from: T): T {
  const out = Object.assign(new type(), from);
  for (const [k, v] of Object.entries(out)) {
    if (Array.isArray(v)) (out as Record<string, unknown>)[k] = [...(v as unknown[])];
    else if (v instanceof Date) (out as Record<string, unknown>)[k] = new Date(v.getTime());
  }
  return out;
}
