import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface PortalClientRow {
  id: string;
  name: string;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface PortalCredentialRow {
  id: string;
  name: string;
  secret_hash: string;
  revoked_at: Date | null;
}

const COLUMNS = `c.id, c.name, c.created_at, s.username AS created_by, c.revoked_at, c.last_used_at`;

/** The only place that builds portal-client queries. */
@Injectable()
export class PortalClientsRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<PortalClientRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM portal_client c LEFT JOIN staff s ON s.id = c.created_by ORDER BY c.revoked_at NULLS FIRST, c.name`);
  }

  async get(m: EntityManager | DataSource, id: string): Promise<PortalClientRow | null> {
    const rows: PortalClientRow[] = await m.query(`SELECT ${COLUMNS} FROM portal_client c LEFT JOIN staff s ON s.id = c.created_by WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Inserts a client; false when the name is taken. */
  async insert(m: EntityManager, c: { id: string; name: string; secretHash: string; createdBy: string | null }): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO portal_client (id, name, secret_hash, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT ON CONSTRAINT uq_portal_client_name DO NOTHING RETURNING id`,
      [c.id, c.name, c.secretHash, c.createdBy]);
    return rows.length === 1;
  }

  async lock(m: EntityManager, id: string): Promise<{ id: string; name: string; revoked_at: Date | null } | null> {
    const rows: { id: string; name: string; revoked_at: Date | null }[] = await m.query(
      `SELECT id, name, revoked_at FROM portal_client WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async revoke(m: EntityManager, id: string, by: string | null): Promise<void> {
    await m.query(`UPDATE portal_client SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [id, by]);
  }

  async credential(id: string): Promise<PortalCredentialRow | null> {
    const rows: PortalCredentialRow[] = await this.dataSource.query(
      `SELECT id, name, secret_hash, revoked_at FROM portal_client WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_client SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
