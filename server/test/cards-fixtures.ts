import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { jwkThumbprint, p256Coordinates } from '@tessera/shc-core';
import { Envelope } from '../src/crypto/envelope';
import type { TestApp } from './harness';

/** Test data for the cards, portal and inspector suites: persons, doses and signing keys written directly in SQL. */

let serial = 0;
const next = () => `${process.pid}-${++serial}`;

export interface TestPerson {
  id: string;
  registryId: string;
}

export async function insertPerson(t: TestApp, p: { given?: string; family?: string; birthDate?: string } = {}): Promise<TestPerson> {
  const given = p.given ?? 'Ada Marie', family = p.family ?? 'Lovelace';
  const registryId = `CT-${next()}`;
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO person (registry_id, given_names, family_name, birth_date, sex, family_norm, given_norm, name_keys, source)
     VALUES ($1, $2, $3, $4, 'F', lower($3), lower($2), ARRAY[lower($3)], 'test') RETURNING id`,
    [registryId, given, family, p.birthDate ?? '1980-12-10'],
  );
  return { id: row!.id, registryId };
}

export interface DoseInput {
  cvx?: string;
  date?: string;
  performer?: string | null;
  lot?: string | null;
  status?: 'completed' | 'entered-in-error';
}

export async function insertDose(t: TestApp, personId: string, d: DoseInput = {}): Promise<string> {
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO immunization (registry_id, person_id, cvx, occurrence_date, performer, lot_number, status, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'test') RETURNING id`,
    [`IMM-${next()}`, personId, d.cvx ?? '208', d.date ?? '2021-03-01', d.performer === undefined ? 'Springfield Clinic' : d.performer,
      d.lot === undefined ? 'EN6201' : d.lot, d.status ?? 'completed'],
  );
  return row!.id;
}

export interface TestKey {
  id: string;
  kid: string;
  privateKey: KeyObject;
}

/**
 * A P-256 key stored as the software key store stores it (private JWK sealed with the app's envelope, AAD
 * `issuer_key:<kid>`), written straight into issuer_key in the given state. Bypasses the activation gate on purpose:
 * these suites test cards, not key activation (keys.int-spec covers that).
 */
export async function insertKey(t: TestApp, state: 'created' | 'active' | 'retired' | 'revoked' = 'active'): Promise<TestKey> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = p256Coordinates(privateKey);
  const kid = jwkThumbprint({ kty: 'EC', crv: 'P-256', x, y });
  const sealed = t.app.get(Envelope).seal(Buffer.from(JSON.stringify(privateKey.export({ format: 'jwk' }))), `issuer_key:${kid}`);
  const jwk = { kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' };
  const id = randomUUID();
  await t.sql(
    `INSERT INTO issuer_key (id, kid, public_jwk, store, private_ref, state, activated_at, retired_at, revoked_at)
     VALUES ($1, $2, $3::jsonb, 'software', $4, $5,
             CASE WHEN $5 <> 'created' THEN now() END, CASE WHEN $5 = 'retired' THEN now() END, CASE WHEN $5 = 'revoked' THEN now() END)`,
    [id, kid, JSON.stringify(jwk), sealed, state],
  );
  return { id, kid, privateKey };
}

export async function setKeyState(t: TestApp, id: string, state: 'active' | 'retired' | 'revoked'): Promise<void> {
  await t.sql(
    `UPDATE issuer_key SET state = $2, activated_at = coalesce(activated_at, now()), retired_at = CASE WHEN $2 = 'retired' THEN now() END, revoked_at = CASE WHEN $2 = 'revoked' THEN now() END
      WHERE id = $1`, [id, state]);
}

export async function auditRows(t: TestApp, action: string): Promise<{ outcome: string; actor_username: string | null; target_id: string | null; details: Record<string, unknown> }[]> {
  return t.sql(`SELECT outcome, actor_username, target_id, details FROM audit_event WHERE action = $1 ORDER BY seq`, [action]);
}

export const count = async (t: TestApp, table: 'card' | 'issuer_secret'): Promise<number> =>
  (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
