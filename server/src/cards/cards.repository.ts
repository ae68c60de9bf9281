import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CardChannel } from '@tessera/contracts';

export interface NewCardRow {
  id: string;
  personId: string;
  keyId: string;
  kid: string;
  rid: string;
  nbf: Date;
  immunizationIds: string[];
  channel: CardChannel;
  issuedBy: string | null;
  portalClientId: string | null;
  jwsSealed: Buffer;
  jwsLength: number;
  qrVersion: number;
}

export interface CardRow {
  id: string;
  person_id: string;
  kid: string;
  rid: string;
  nbf: Date;
  channel: CardChannel;
  issued_by: string | null;
  issued_at: Date;
  jws_length: number;
  qr_version: number;
  immunization_ids: string[];
}

/** A card with its sealed JWS (for the downloads). */
export interface CardFileRow extends CardRow {
  jws_sealed: Buffer;
}

const CARD_COLUMNS = `
  c.id, c.person_id, c.kid, c.rid, c.nbf, c.channel, c.issued_at, c.jws_length, c.qr_version, c.immunization_ids,
  coalesce(s.username, 'portal:' || pc.name) AS issued_by`;
const CARD_JOINS = `LEFT JOIN staff s ON s.id = c.issued_by LEFT JOIN portal_client pc ON pc.id = c.portal_client_id`;

/** The only place that builds card queries (persons and doses are read through the registry's RegistryRecords). */
@Injectable()
export class CardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, c: NewCardRow): Promise<void> {
    await m.query(
      `INSERT INTO card (id, person_id, key_id, kid, rid, nbf, immunization_ids, channel, issued_by, portal_client_id, jws_sealed, jws_length, qr_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $10, $11, $12, $13)`,
      [c.id, c.personId, c.keyId, c.kid, c.rid, c.nbf, c.immunizationIds, c.channel, c.issuedBy, c.portalClientId, c.jwsSealed, c.jwsLength, c.qrVersion],
    );
  }

  /** The person's cards, newest first. */
  listForPerson(personId: string): Promise<CardRow[]> {
    return this.dataSource.query(
      `SELECT ${CARD_COLUMNS} FROM card c ${CARD_JOINS} WHERE c.person_id = $1 ORDER BY c.issued_at DESC, c.nbf DESC, c.id`, [personId]);
  }

  async card(id: string): Promise<CardRow | null> {
    const rows: CardRow[] = await this.dataSource.query(`SELECT ${CARD_COLUMNS} FROM card c ${CARD_JOINS} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async cardFile(id: string): Promise<CardFileRow | null> {
    const rows: CardFileRow[] = await this.dataSource.query(`SELECT ${CARD_COLUMNS}, c.jws_sealed FROM card c ${CARD_JOINS} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }
}
