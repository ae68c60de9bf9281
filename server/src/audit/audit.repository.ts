import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditFilterDto, AuditSortField } from '@tessera/contracts';
import type { ChainedEntry } from '@tessera/audit-chain';
import { queryPrepared } from '../database/prepared';
import type { AuditRow } from './audit.types';

/** Audit appends of up to this many entries run as prepared statements. */
const PREPARED_BATCH_MAX = 8;

/** Advisory lock key that serialises appends, so concurrent writers never fork or skip the chain. */
const AUDIT_CHAIN_LOCK = 7317002;

const COLUMNS = `e.seq::text AS seq,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  actor_id, actor_username, actor_roles, action, target_type, target_id, outcome, reason, request_id,
  client_address, user_agent, details, prev_hash, hash`;

/** The head and the time for the next entries: the database clock, never earlier than the head's own time. */
const HEAD_AND_CLOCK = `SELECT h.seq::text AS seq, h.hash,
    to_char(greatest(date_trunc('milliseconds', clock_timestamp()), h.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (SELECT e.seq, e.hash, e.occurred_at FROM audit_event e ORDER BY e.seq DESC LIMIT 1) h ON true`;

const INSERT_COLUMNS = `seq, occurred_at, actor_id, actor_username, actor_roles, action, target_type, target_id,
  outcome, reason, request_id, client_address, user_agent, details, prev_hash, hash`;

/** A typed VALUES list for entries (typed: it also feeds INSERT … SELECT, where untyped parameters would be text). */
function valuesOf(entries: (ChainedEntry & { hash: string })[], offset: number): { values: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = entries.map((e) => {
    const base = offset + params.length;
    params.push(e.seq, e.occurredAt, e.actorId, e.actorUsername, e.actorRoles, e.action, e.targetType, e.targetId, e.outcome,
      e.reason, e.requestId, e.clientAddress, e.userAgent, JSON.stringify(e.details), e.prevHash, e.hash);
    const p = (i: number) => `$${base + i}`;
    return `(${p(1)}::bigint, ${p(2)}::timestamptz, ${p(3)}::uuid, ${p(4)}::text, ${p(5)}::text[], ${p(6)}::text, ${p(7)}::text, ${p(8)}::text, `
      + `${p(9)}::text, ${p(10)}::text, ${p(11)}::text, ${p(12)}::text, ${p(13)}::text, ${p(14)}::jsonb, ${p(15)}::text, ${p(16)}::text)`;
  });
  return { values: rows.join(', '), params };
}

/** Qualified with the table alias: the bare names would sort by the text output columns of COLUMNS. */
const SORT_SQL: Record<AuditSortField, string> = {
  seq: 'e.seq',
  occurredAt: 'e.occurred_at',
  action: 'e.action',
  actor: 'lower(e.actor_username)',
  outcome: 'e.outcome',
};

/** The only place that builds audit_event queries. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the chain lock for the rest of the transaction and returns the head and the database clock. */
  async lockHead(m: EntityManager): Promise<{ seq: string | null; hash: string | null; now: string }> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const rows: { seq: string | null; hash: string | null; now: string }[] = await m.query(HEAD_AND_CLOCK);
    return rows[0]!;
  }

  async insert(m: EntityManager, entries: (ChainedEntry & { hash: string })[]): Promise<void> {
    const { values, params } = valuesOf(entries, 0);
    await m.query(`INSERT INTO audit_event (${INSERT_COLUMNS}) VALUES ${values}`, params);
  }

  /**
   * Appends entries linked after a head the caller already knows, in one statement outside any transaction (one
   * round trip instead of begin, lock, read head, insert, commit). The statement takes the chain lock first, so it
   * never slips between another writer's head read and insert; if the head has moved meanwhile, the primary key
   * on `seq` refuses the rows and this returns false (nothing written): read the head again and re-link. It also
   * returns false, writing nothing, when the known head is no longer in the table.
   */
  async insertAfterKnownHead(entries: (ChainedEntry & { hash: string })[]): Promise<boolean> {
    const { values, params } = valuesOf(entries, 3);
    const first = entries[0]!;
    const prevSeq = (BigInt(first.seq) - 1n).toString();
    try {
      // The known head must still be there (it was committed before this statement began, so the statement sees
      // it): if the table lost its tail (a restore, a failover that dropped commits), nothing is linked to a row
      // that no longer exists.
      // Prepared for the usual batch sizes (one text per size, so at most PREPARED_BATCH_MAX statements a
      // connection): this runs once per few requests, and planning it cost as much as running it.
      const run = entries.length <= PREPARED_BATCH_MAX
        ? (text: string, values: unknown[]) => queryPrepared<unknown>(this.dataSource, text, values)
        : (text: string, values: unknown[]): Promise<unknown[]> => this.dataSource.query(text, values);
      const rows = await run(
        `WITH chain_lock AS (SELECT pg_advisory_xact_lock($1))
         INSERT INTO audit_event (${INSERT_COLUMNS})
         SELECT v.* FROM (VALUES ${values}) AS v CROSS JOIN chain_lock
          WHERE CASE WHEN $2::bigint = 0 THEN NOT EXISTS (SELECT 1 FROM audit_event)
                     ELSE EXISTS (SELECT 1 FROM audit_event e WHERE e.seq = $2::bigint AND e.hash = $3::text) END
         RETURNING seq`,
        [AUDIT_CHAIN_LOCK, prevSeq, first.prevHash, ...params],
      );
      return rows.length === entries.length;
    } catch (err) {
      if ((err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'pk_audit_event') return false;
      throw err;
    }
  }

  async page(filter: AuditFilterDto, sort: AuditSortField, order: 'asc' | 'desc', offset: number, limit: number) {
    const { where, params } = whereOf(filter);
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_event e ${where}
        ORDER BY ${SORT_SQL[sort]} ${dir}, e.seq ${dir} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offset, limit],
    );
    const count: { n: string }[] = await this.dataSource.query(`SELECT count(*)::text AS n FROM audit_event ${where}`, params);
    return { rows, total: Number(count[0]?.n ?? 0) };
  }

  /** Rows matching the filter in ascending seq, fetched in keyset batches: constant memory for any size. */
  async *stream(filter: AuditFilterDto, batch = 2000): AsyncGenerator<AuditRow> {
    const { where, params } = whereOf(filter);
    let after = '0';
    for (;;) {
      const cond = where ? `${where} AND e.seq > $${params.length + 1}` : `WHERE e.seq > $${params.length + 1}`;
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM audit_event e ${cond} ORDER BY e.seq ASC LIMIT $${params.length + 2}`,
        [...params, after, batch],
      );
      for (const r of rows) yield r;
      if (rows.length < batch) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** The chain head and the database clock (ms), without taking the lock. */
  async headAndClock(): Promise<{ seq: string | null; hash: string | null; now: string }> {
    const rows: { seq: string | null; hash: string | null; now: string }[] = await this.dataSource.query(HEAD_AND_CLOCK);
    return rows[0]!;
  }

  async head(): Promise<{ seq: string; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await this.dataSource.query(
      'SELECT e.seq::text AS seq, e.hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1',
    );
    return rows[0] ?? null;
  }

  async hashesAt(seqs: string[]): Promise<Map<string, string>> {
    if (seqs.length === 0) return new Map();
    const rows: { seq: string; hash: string }[] = await this.dataSource.query(
      'SELECT seq::text AS seq, hash FROM audit_event WHERE seq = ANY($1::bigint[])', [seqs],
    );
    return new Map(rows.map((r) => [r.seq, r.hash]));
  }
}

function whereOf(f: AuditFilterDto): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actor) add('lower(actor_username) = lower(?)', f.actor);
  if (f.action) add('action = ?', f.action);
  if (f.targetType) add('target_type = ?', f.targetType);
  if (f.targetId) add('target_id = ?', f.targetId);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('occurred_at >= ?::timestamptz', f.from);
  if (f.to) add('occurred_at < ?::timestamptz', f.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function toChained(r: AuditRow): ChainedEntry & { hash: string } {
  return {
    seq: r.seq, occurredAt: r.occurred_at, actorId: r.actor_id, actorUsername: r.actor_username,
    actorRoles: r.actor_roles, action: r.action, targetType: r.target_type, targetId: r.target_id,
    outcome: r.outcome, reason: r.reason, requestId: r.request_id, clientAddress: r.client_address,
    userAgent: r.user_agent, details: r.details, prevHash: r.prev_hash, hash: r.hash,
  };
}
