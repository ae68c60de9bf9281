import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import request from 'supertest';
import type { IssuerKeyResponse, KeyRevocationRequestResponse } from '@tessera/contracts';
import { runKeysCommand } from '../src/cli/keys-commands';
import { Envelope } from '../src/crypto/envelope';
import { TransactionRunner } from '../src/database/transaction';
import { KeysService } from '../src/keys/keys.service';
import { findKeyMaterial, keyMaterialOf, type KeyMaterial } from './key-material';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';

const JWKS = '/issuer/.well-known/jwks.json';

/**
 * No private key material in any response, log line or error (issue §2). Every key route is exercised, successes and
 * failures, with the structured log captured at trace level; then every response (headers and body), the log, the
 * command line's output, the errors thrown in-process and the whole audit log are searched for each key's private
 * scalar `d` and its sealed `private_ref`, in every encoding. (The harness repeats the response and log scan when
 * any test app closes, for keys still in the database.)
 */
describe('private key material never leaves the key store', () => {
  let t: TestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  let auditor: ApiClient;
  let material: KeyMaterial[];
  const elsewhere: { where: string; text: string }[] = [];

  const create = async (client: ApiClient, reason: string) => (await client.post('/api/v1/issuer-keys', { reason })).body as IssuerKeyResponse;
  const capture = async (where: string, work: () => Promise<unknown>) => {
    try {
      elsewhere.push({ where, text: JSON.stringify(await work()) });
    } catch (err) {
      elsewhere.push({ where: `${where} (error)`, text: `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}` });
    }
  };

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true, captureLogs: true });
    alice = (await signIn(t, await createEnrolledStaff(t, 'scan.alice', ['key_admin']))).client;
    bob = (await signIn(t, await createEnrolledStaff(t, 'scan.bob', ['key_admin']))).client;
    auditor = (await signIn(t, await createEnrolledStaff(t, 'scan.audrey', ['auditor']))).client;
    const anon = new ApiClient(t.http);
    const keys = t.app.get(KeysService);

    const [k1, k2, k3, k4, k5] = [
      await create(alice, 'Scan: first key'), await create(alice, 'Scan: second key'), await create(bob, 'Scan: third key'),
      await create(bob, 'Scan: fourth key'), await create(alice, 'Scan: fifth key'),
    ] as [IssuerKeyResponse, IssuerKeyResponse, IssuerKeyResponse, IssuerKeyResponse, IssuerKeyResponse];
    const activate = (c: ApiClient, k: IssuerKeyResponse, ack = true) =>
      c.post(`/api/v1/issuer-keys/${k.id}/activate`, { reason: 'Scan: activation', ...(ack ? { acknowledgeShortPublication: true } : {}) });

    await activate(alice, k1, false); // 409: short publication
    await activate(alice, k1); // through the gate (fetches the key set over HTTP)
    await capture('signing', () => t.app.get(TransactionRunner).run((m) => keys.withActiveSigner(m, async (s) => ({ kid: s.kid, sig: Buffer.from(await s.signer.sign(Buffer.from('x'))).toString('base64url') }))));
    await activate(bob, k2); // rotation: k1 retired
    await activate(alice, k1); // 409: retired
    await alice.post(`/api/v1/issuer-keys/${k2.id}/retire`, { reason: 'Scan: retire the active key' });
    await capture('signing without an active key', () => t.app.get(TransactionRunner).run((m) => keys.withActiveSigner(m, () => Promise.resolve(null))));
    // the gate refusing: the published copy of k5 is swapped for k4's public key for a moment
    await t.sql(`UPDATE issuer_key SET public_jwk = (SELECT public_jwk FROM issuer_key WHERE id = $2) WHERE id = $1`, [k5.id, k4.id]);
    await activate(alice, k5);
    await t.sql(`UPDATE issuer_key SET public_jwk = $2::jsonb WHERE id = $1`, [k5.id, JSON.stringify(k5.publicJwk)]);
    await activate(alice, k3);

    await alice.get('/api/v1/issuer-keys');
    await auditor.get('/api/v1/issuer-keys');
    await auditor.post('/api/v1/issuer-keys', { reason: 'Scan: not allowed' }); // 403
    await alice.post('/api/v1/issuer-keys', {}); // 400
    await alice.post('/api/v1/issuer-keys/not-a-uuid/activate', { reason: 'Scan: malformed id' }); // 400
    await alice.post('/api/v1/issuer-keys/9b2f1c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f/retire', { reason: 'Scan: unknown key' }); // 404
    const etag = (await anon.get(JWKS)).headers['etag'] as string;
    await anon.get(JWKS);
    // (plain supertest calls are not recorded by the harness: kept here)
    for (const res of [await request(t.http).get(JWKS).set('If-None-Match', etag), await request(t.http).options(JWKS).set('Access-Control-Request-Headers', 'if-none-match')]) {
      elsewhere.push({ where: `raw ${res.status}`, text: `${JSON.stringify(res.headers)}\n${res.text ?? ''}` });
    }

    const r1 = (await alice.post(`/api/v1/issuer-keys/${k4.id}/revocation-requests`, { reason: 'Scan: first request' })).body as KeyRevocationRequestResponse;
    await alice.post(`/api/v1/issuer-key-revocations/${r1.id}/decision`, { decision: 'approve', reason: 'Scan: own request' }); // 403
    await bob.post(`/api/v1/issuer-keys/${k4.id}/revocation-requests`, { reason: 'Scan: duplicate request' }); // 409
    await bob.post(`/api/v1/issuer-key-revocations/${r1.id}/decision`, { decision: 'reject', reason: 'Scan: reject' });
    const r2 = (await bob.post(`/api/v1/issuer-keys/${k3.id}/revocation-requests`, { reason: 'Scan: revoke the active key' })).body as KeyRevocationRequestResponse;
    await alice.post(`/api/v1/issuer-key-revocations/${r2.id}/decision`, { decision: 'approve', reason: 'Scan: approve' });
    await alice.post(`/api/v1/issuer-key-revocations/${r2.id}/decision`, { decision: 'approve', reason: 'Scan: twice' }); // 409

    const cli: string[] = [];
    const operator = { actorUsername: 'cli:scan' };
    await runKeysCommand(keys, 'list', {}, [], operator, (l) => cli.push(l));
    await runKeysCommand(keys, 'create', { reason: 'Scan: from the command line' }, [], operator, (l) => cli.push(l));
    await capture('cli activate', () => runKeysCommand(keys, 'activate', { reason: 'Scan: no acknowledgement' }, [k5.kid], operator, (l) => cli.push(l)));
    elsewhere.push({ where: 'cli output', text: cli.join('\n') });

    // every key's private part, read while it still exists; then the retention run destroys what is due
    material = keyMaterialOf(t.app.get(Envelope), await t.sql('SELECT kid, private_ref FROM issuer_key WHERE private_ref IS NOT NULL'));
    await capture('retention', () => keys.destroyDuePrivateKeys(new Date(Date.now() + 365 * 24 * 60 * 60 * 1000)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('exercised every key route, with the log captured', async () => {
    expect(material).toHaveLength(6);
    const routes = new Set(t.responses.map((r) => `${r.request.replace(/[0-9a-f-]{36}|not-a-uuid/g, ':id')} ${r.status}`));
    for (const expected of [
      'POST /api/v1/issuer-keys 201', 'POST /api/v1/issuer-keys 400', 'POST /api/v1/issuer-keys 403', 'GET /api/v1/issuer-keys 200',
      'POST /api/v1/issuer-keys/:id/activate 200', 'POST /api/v1/issuer-keys/:id/activate 409', 'POST /api/v1/issuer-keys/:id/activate 400',
      'POST /api/v1/issuer-keys/:id/retire 200', 'POST /api/v1/issuer-keys/:id/retire 404',
      'POST /api/v1/issuer-keys/:id/revocation-requests 201', 'POST /api/v1/issuer-keys/:id/revocation-requests 409',
      'POST /api/v1/issuer-key-revocations/:id/decision 200', 'POST /api/v1/issuer-key-revocations/:id/decision 403',
      'POST /api/v1/issuer-key-revocations/:id/decision 409', `GET ${JWKS} 200`,
    ]) expect([...routes]).toContain(expected);
    const logs = t.logs();
    expect(logs).toMatch(/"path":"\/api\/v1\/issuer-keys"/);
    expect(logs).toMatch(/"path":"\/issuer\/.well-known\/jwks.json"/); // the gate's own fetch, served by the app
    expect(logs).toMatch(/destroyed the private part of \d+ retired or revoked key/);
    const destroyed = await t.sql(`SELECT 1 FROM issuer_key WHERE private_ref IS NULL`);
    expect(destroyed.length).toBeGreaterThanOrEqual(3);
  });

  it('finds no private key material in any response, the log, the command line, an error or the audit log', async () => {
    const auditRows = await t.sql<{ row: string }>(`SELECT row_to_json(e)::text AS row FROM audit_event e ORDER BY seq`);
    expect(auditRows.length).toBeGreaterThan(30);
    const leaks = findKeyMaterial(material, [
      ...t.responses.map((r, i) => ({ where: `response ${i + 1} (${r.request} → ${r.status})`, text: `${JSON.stringify(r.headers)}\n${r.text ?? ''}`, bytes: r.body })),
      { where: 'the log', text: t.logs() },
      ...elsewhere,
      ...auditRows.map((r, i) => ({ where: `audit entry ${i + 1}`, text: r.row })),
    ]);
    expect(leaks).toEqual([]);
  });

  it('would notice a leak in any of the forms it looks for (the scan is not blind)', () => {
    const sample = material[0]!;
    const ref = sample.raw.find(([f]) => f === 'private_ref bytes')![1];
    const jwk = JSON.parse(t.app.get(Envelope).open(ref, `issuer_key:${sample.kid}`).toString()) as JsonWebKey & { d: string };
    const dForm = jwk.d;
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }) as string;
    const sec1 = key.export({ type: 'sec1', format: 'der' });
    const leaks: Record<string, string> = {
      'a JWK in a body': JSON.stringify({ kty: 'EC', d: dForm }),
      'a PEM in a log line (escaped line breaks)': JSON.stringify({ msg: pkcs8 }),
      'a SEC1 DER in base64': sec1.toString('base64'),
      'a hex dump': Buffer.from(dForm, 'base64url').toString('hex'),
      'the sealed bytes as a JSON Buffer': JSON.stringify(ref),
      'the sealed bytes as PostgreSQL bytea text': `\\x${ref.toString('hex')}`,
      'the sealed bytes in base64': ref.toString('base64'),
    };
    for (const [where, text] of Object.entries(leaks)) {
      expect([where, findKeyMaterial([sample], [{ where, text }]).length > 0]).toEqual([where, true]);
    }
    expect(findKeyMaterial([sample], [{ where: 'raw bytes', bytes: Buffer.concat([Buffer.from('png'), Buffer.from(dForm, 'base64url')]) }])).not.toEqual([]);
    expect(findKeyMaterial([sample], [{ where: 'an unrelated key', text: JSON.stringify(material[1]!.needles) }])).toEqual([]);
  });
});
