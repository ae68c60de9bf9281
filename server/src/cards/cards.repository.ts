import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CardChannel, CardDoseResponse } from '@tessera/contracts';

export interface CardPersonRow {
  id: string;
  registry_id: string;
  given_names: string;
  family_name: string;
  birth_date: string;
}

export interface CardDoseRow {
  id: string;
  cvx: string;
  display: string;
  vaccine_group: string;
  occurrence_date: string;
  performer: string | null;
  lot_number: string | null;
  status: string;
}

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
  doses: CardDoseResponse[];
}

/** A card with its sealed JWS (for the downloads). */
export interface CardFileRow extends CardRow {
  jws_sealed: Buffer;
}

const CARD_COLUMNS = `
  c.id, c.person_id, c.kid, c.rid, c.nbf, c.channel, c.issued_at, c.jws_length, c.qr_version,
  coalesce(s.username, 'portal:' || pc.name) AS issued_by,
  coalesce((SELECT json_agg(json_build_object('immunizationId', i.id, 'cvx', i.cvx, 'vaccine', v.display,
                                              'occurrenceDate', to_char(i.occurrence_date, 'YYYY-MM-DD')) ORDER BY u.ord)
              FROM unnest(c.immunization_ids) WITH ORDINALITY AS u(id, ord)
              JOIN immunization i ON i.id = u.id JOIN vaccine_code v ON v.cvx = i.cvx), '[]'::json) AS doses`;
const CARD_JOINS = `LEFT JOIN staff s ON s.id = c.issued_by LEFT JOIN portal_client pc ON pc.id = c.portal_client_id`;

/** The only place that builds card queries. */
@Injectable()
export class CardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async person(id: string): Promise<CardPersonRow | null> {
    const rows: CardPersonRow[] = await this.dataSource.query(
      `SELECT id, registry_id, given_names, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date FROM person WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async personIdByRegistryId(registryId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM person WHERE registry_id = $1`, [registryId]);
    return rows[0]?.id ?? null;
  }

  /** Every immunization of the person, oldest first (the order doses go on the card). */
  doses(personId: string): Promise<CardDoseRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.cvx, v.display, v.vaccine_group, to_char(i.occurrence_date, 'YYYY-MM-DD') AS occurrence_date, i.performer,
              i.lot_number, i.status
         FROM immunization i JOIN vaccine_code v ON v.cvx = i.cvx
        WHERE i.person_id = $1 ORDER BY i.occurrence_date, i.registry_id`, [personId]);
  }

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

  /** Vaccine names by CVX code (codes not in the table are left out). */
  async vaccineNames(cvx: readonly string[]): Promise<Map<string, { display: string; group: string }>> {
    const rows: { cvx: string; display: string; vaccine_group: string }[] = cvx.length === 0 ? []
      : await this.dataSource.query(`SELECT cvx, display, vaccine_group FROM vaccine_code WHERE cvx = ANY($1::text[])`, [[...new Set(cvx)]]);
    return new Map(rows.map((r) => [r.cvx, { display: r.display, group: r.vaccine_group }]));
  }
}
