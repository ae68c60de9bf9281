import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RID_SECRET_MIN_BYTES } from '@tessera/shc-core';
import { Envelope } from '../crypto/envelope';

/**
 * The issuer's revocation-id secret (spec §10: rid = HMAC(secret ‖ kid, person id)): 32 random bytes, sealed with the
 * envelope in `issuer_secret` (purpose 'rid'), created on first use in a transaction of its own. One secret for all
 * keys; the kid in the HMAC key already gives each person a different rid per key. Kept in memory once opened.
 */
@Injectable()
export class RidSecret {
  private current: Promise<Buffer> | undefined;

  constructor(private readonly dataSource: DataSource, private readonly envelope: Envelope) {}

  get(): Promise<Buffer> {
    this.current ??= this.load().catch((err: unknown) => {
      this.current = undefined; // a failed load (database down) is retried by the next issuance
      throw err;
    });
    return this.current;
  }

  private async load(): Promise<Buffer> {
    const existing = await this.read();
    if (existing) return existing;
    // Two servers issuing their first card at once: the partial unique index lets one insert win; both read the winner.
    const fresh = randomBytes(RID_SECRET_MIN_BYTES);
    const id = randomUUID();
    await this.dataSource.transaction((m) => m.query(
      `INSERT INTO issuer_secret (id, purpose, sealed) VALUES ($1, 'rid', $2) ON CONFLICT (purpose) WHERE retired_at IS NULL DO NOTHING`,
      [id, this.envelope.seal(fresh, aad(id))],
    ));
    fresh.fill(0);
    const created = await this.read();
    if (!created) throw new Error('the rid secret could not be created');
    return created;
  }

  private async read(): Promise<Buffer | null> {
    const rows: { id: string; sealed: Buffer }[] = await this.dataSource.query(
      `SELECT id, sealed FROM issuer_secret WHERE purpose = 'rid' AND retired_at IS NULL`,
    );
    const row = rows[0];
    return row ? this.envelope.open(row.sealed, aad(row.id)) : null;
  }
}

const aad = (id: string) => `issuer_secret:${id}`;
