import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssuerKeyState, PublicJwkResponse } from '@tessera/contracts';

/**
 * Advisory lock that admits card signing (shared) and key lifecycle changes (exclusive). Row locks alone are not
 * fair in PostgreSQL: a new `FOR SHARE` on a row that is only share-locked does not queue behind a waiting
 * `FOR UPDATE`, so a steady stream of issuances could keep a rotation waiting for ever. The lock manager queues an
 * advisory lock fairly: once a rotation asks, new issuances wait for it, and it waits only for those in flight.
 */
const SIGNING_GATE = 7317010;

/** A key row as the lifecycle reads it (never leaves the keys module; `private_ref` is never mapped). */
export interface IssuerKeyRow {
  id: string;
  kid: string;
  public_jwk: PublicJwkResponse;
  store: string;
  state: IssuerKeyState;
  created_at: Date;
  created_by: string | null;
  activated_at: Date | null;
  retired_at: Date | null;
  revoked_at: Date | null;
  private_destroyed_at: Date | null;
  /** Active key: activated_at + cryptoperiod. */
  rotation_due_at: Date | null;
  /** Retired/revoked key whose private part still exists: when it stopped signing + retention. */
  destroy_due_at: Date | null;
  /** created_at + pre-publication lead time: from then on verifiers' caches have surely seen the key. */
  ready_at: Date;
  pending_id: string | null;
  pending_requested_by: string | null;
  pending_requested_at: Date | null;
  pending_reason: string | null;
}

export interface RevocationRow {
  id: string;
  key_id: string;
  kid: string;
  requested_by_id: string;
  requested_by: string;
  requested_at: Date;
  reason: string;
  decision: 'approve' | 'reject' | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface KeyPolicyParams {
  cryptoperiodMonths: number;
  prePublicationDays: number;
  destroyAfterDays: number;
}

const KEY_COLUMNS = `k.id, k.kid, k.public_jwk, k.store, k.state, k.created_at, cs.username AS created_by,
  k.activated_at, k.retired_at, k.revoked_at, k.private_destroyed_at,
  CASE WHEN k.state = 'active' THEN k.activated_at + make_interval(months => $1) END AS rotation_due_at,
  CASE WHEN k.state IN ('retired', 'revoked') AND k.private_destroyed_at IS NULL
       THEN LEAST(k.retired_at, k.revoked_at) + make_interval(days => $3) END AS destroy_due_at,
  k.created_at + make_interval(days => $2) AS ready_at,
  r.id AS pending_id, rs.username AS pending_requested_by, r.requested_at AS pending_requested_at, r.reason AS pending_reason`;

const KEY_FROM = `issuer_key k
  LEFT JOIN staff cs ON cs.id = k.created_by
  LEFT JOIN issuer_key_revocation r ON r.key_id = k.id AND r.decision IS NULL
  LEFT JOIN staff rs ON rs.id = r.requested_by`;

const REVOCATION_COLUMNS = `r.id, r.key_id, k.kid, r.requested_by AS requested_by_id, rs.username AS requested_by, r.requested_at,
  r.reason, r.decision, ds.username AS decided_by, r.decided_at, r.decision_reason`;

/** The only place that builds issuer_key and issuer_key_revocation queries. */
@Injectable()
export class IssuerKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async all(policy: KeyPolicyParams): Promise<IssuerKeyRow[]> {
    return this.dataSource.query(
      `SELECT ${KEY_COLUMNS} FROM ${KEY_FROM} ORDER BY k.created_at DESC, k.kid`,
      [policy.cryptoperiodMonths, policy.prePublicationDays, policy.destroyAfterDays],
    );
  }

  async find(policy: KeyPolicyParams, id: string, m?: EntityManager): Promise<IssuerKeyRow | null> {
    const rows: IssuerKeyRow[] = await (m ?? this.dataSource).query(
      `SELECT ${KEY_COLUMNS} FROM ${KEY_FROM} WHERE k.id = $4`,
      [policy.cryptoperiodMonths, policy.prePublicationDays, policy.destroyAfterDays, id],
    );
    return rows[0] ?? null;
  }

  /** The key's id from its id or its kid (the command line accepts either). */
  async idOf(idOrKid: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM issuer_key WHERE kid = $1 OR id::text = $1`, [idOrKid],
    );
    return rows[0]?.id ?? null;
  }

  /** What a signer needs (read only to sign the activation test card; never mapped to a response). */
  async signingMaterial(id: string): Promise<{ kid: string; store: string; private_ref: Buffer | null } | null> {
    const rows: { kid: string; store: string; private_ref: Buffer | null }[] = await this.dataSource.query(
      `SELECT kid, store, private_ref FROM issuer_key WHERE id = $1`, [id],
    );
    return rows[0] ?? null;
  }

  async insert(m: EntityManager, key: { kid: string; publicJwk: PublicJwkResponse; store: string; privateRef: Buffer; createdBy: string | null }): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO issuer_key (kid, public_jwk, store, private_ref, created_by) VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING id`,
      [key.kid, JSON.stringify(key.publicJwk), key.store, key.privateRef, key.createdBy],
    );
    return rows[0]!.id;
  }

  /**
   * The active key, share-locked until the caller's transaction ends (after the shared signing gate): it cannot be
   * retired or revoked while a card signed with it is being recorded.
   */
  async lockActiveShared(m: EntityManager): Promise<{ id: string; kid: string; store: string; private_ref: Buffer } | null> {
    const rows: { id: string; kid: string; store: string; private_ref: Buffer }[] = await m.query(
      `SELECT k.id, k.kid, k.store, k.private_ref FROM issuer_key k
        WHERE k.state = 'active' AND (SELECT true FROM pg_advisory_xact_lock_shared($1))
        FOR SHARE OF k`,
      [SIGNING_GATE],
    );
    return rows[0] ?? null;
  }

  /** Serialises lifecycle changes and waits for (then holds off) every card signing in flight. */
  async closeSigningGate(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SIGNING_GATE]);
  }

  async lockKey(m: EntityManager, id: string): Promise<{ id: string; kid: string; state: IssuerKeyState } | null> {
    const rows: { id: string; kid: string; state: IssuerKeyState }[] = await m.query(
      `SELECT id, kid, state FROM issuer_key WHERE id = $1 FOR UPDATE`, [id],
    );
    return rows[0] ?? null;
  }

  async lockActive(m: EntityManager): Promise<{ id: string; kid: string } | null> {
    const rows: { id: string; kid: string }[] = await m.query(
      `SELECT id, kid FROM issuer_key WHERE state = 'active' FOR UPDATE`,
    );
    return rows[0] ?? null;
  }

  /**
   * Lifecycle timestamps come from clock_timestamp(), taken after the locks were granted: a card signed under a key
   * was committed before that key's retired_at, and one signed after an activation started after its activated_at.
   */
  async setState(m: EntityManager, id: string, state: 'active' | 'retired' | 'revoked'): Promise<void> {
    const column = { active: 'activated_at', retired: 'retired_at', revoked: 'revoked_at' }[state];
    await m.query(
      `UPDATE issuer_key SET state = $2, ${column} = clock_timestamp(), version = version + 1 WHERE id = $1`, [id, state],
    );
  }

  async keyStates(): Promise<{ kid: string; state: IssuerKeyState }[]> {
    return this.dataSource.query(`SELECT kid, state FROM issuer_key`);
  }

  /** Created, active and retired keys, oldest first (a stable order keeps the key set's ETag stable). */
  async published(): Promise<PublicJwkResponse[]> {
    const rows: { public_jwk: PublicJwkResponse }[] = await this.dataSource.query(
      `SELECT public_jwk FROM issuer_key WHERE state IN ('created', 'active', 'retired') ORDER BY created_at, kid`,
    );
    return rows.map((r) => r.public_jwk);
  }

  async insertRevocation(m: EntityManager, keyId: string, requestedBy: string, reason: string): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO issuer_key_revocation (key_id, requested_by, reason) VALUES ($1, $2, $3) RETURNING id`,
      [keyId, requestedBy, reason],
    );
    return rows[0]!.id;
  }

  async revocation(id: string, m?: EntityManager, lock = false): Promise<RevocationRow | null> {
    const rows: RevocationRow[] = await (m ?? this.dataSource).query(
      `SELECT ${REVOCATION_COLUMNS} FROM issuer_key_revocation r
         JOIN issuer_key k ON k.id = r.key_id
         JOIN staff rs ON rs.id = r.requested_by
         LEFT JOIN staff ds ON ds.id = r.decided_by
        WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async decideRevocation(m: EntityManager, id: string, decision: 'approve' | 'reject', decidedBy: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE issuer_key_revocation SET decision = $2, decided_by = $3, decided_at = clock_timestamp(), decision_reason = $4
        WHERE id = $1 AND decision IS NULL`,
      [id, decision, decidedBy, reason],
    );
  }

  /** Retired and revoked keys whose private part has outlived the retention period at `now`, locked. */
  async lockDueForDestruction(m: EntityManager, now: Date, destroyAfterDays: number): Promise<{ id: string; kid: string; store: string; private_ref: Buffer }[]> {
    return m.query(
      `SELECT id, kid, store, private_ref FROM issuer_key
        WHERE state IN ('retired', 'revoked') AND private_ref IS NOT NULL
          AND LEAST(retired_at, revoked_at) + make_interval(days => $2) <= $1
        ORDER BY LEAST(retired_at, revoked_at)
        FOR UPDATE SKIP LOCKED`,
      [now, destroyAfterDays],
    );
  }

  async clearPrivate(m: EntityManager, id: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE issuer_key SET private_ref = NULL, private_destroyed_at = $2, version = version + 1 WHERE id = $1`, [id, at],
    );
  }
}
