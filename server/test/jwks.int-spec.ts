import { createPublicKey, verify } from 'node:crypto';
import request from 'supertest';
import type { IssuerKeyResponse, KeyRevocationRequestResponse } from '@tessera/contracts';
import { validateKeySet } from '@tessera/shc-core';
import { TransactionRunner } from '../src/database/transaction';
import { KeysService } from '../src/keys/keys.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';
import { discoverRoutes, label } from './routes';

const PATH = '/issuer/.well-known/jwks.json';
type KeySet = { keys: Record<string, unknown>[] };

/** The public key set verifiers trust: `{iss}/.well-known/jwks.json` (SMART Health Cards §3). */
describe('public key set', () => {
  let t: TestApp;
  let anon: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  const made: IssuerKeyResponse[] = [];

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_KEY_PREPUBLISH_DAYS: '0' }, { listen: true });
    anon = new ApiClient(t.http);
    alice = (await signIn(t, await createEnrolledStaff(t, 'jwks.alice', ['key_admin']))).client;
    bob = (await signIn(t, await createEnrolledStaff(t, 'jwks.bob', ['key_admin']))).client;
    for (const reason of ['Key that will be retired', 'Key that will be active', 'Key that will be revoked', 'Key published ahead']) {
      made.push((await alice.post('/api/v1/issuer-keys', { reason })).body as IssuerKeyResponse);
    }
    await alice.post(`/api/v1/issuer-keys/${made[0]!.id}/activate`, { reason: 'First key in service' });
    await alice.post(`/api/v1/issuer-keys/${made[1]!.id}/activate`, { reason: 'Rotation to the second key' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is a Nest route outside /api/v1, public, under the issuer URL path', async () => {
    const routes = discoverRoutes(t.app).routes.filter((r) => r.path === PATH);
    expect(routes.map(label).sort()).toEqual([`GET ${PATH}`, `OPTIONS ${PATH}`]);
    expect(routes.every((r) => r.isPublic && r.permissions === undefined)).toBe(true);
    expect((await anon.get(`/api/v1${PATH}`)).status).toBe(401); // no such API route; unknown API routes answer 401
    expect(t.config.issuerUrl.endsWith('/issuer')).toBe(true);
  });

  it('serves created, active and retired keys with exactly the SMART Health Cards members, and validates', async () => {
    const res = await anon.get(PATH);
    expect(res.status).toBe(200);
    const body = res.body as KeySet;
    expect(body.keys.map((k) => k['kid'])).toEqual(made.map((k) => k.kid)); // oldest first: a stable order
    for (const k of body.keys) expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
    const validation = validateKeySet(body);
    expect(validation.findings).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(res.text).toBe(JSON.stringify(body)); // minified, nothing else
  });

  it('sends CORS for any origin, public caching, a strong ETag, JSON, and no cookie', async () => {
    const res = await request(t.http).get(PATH).set('Origin', 'https://verifier.example.org');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers['content-type']).toMatch(/^application\/json(;|$)/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['set-cookie']).toBeUndefined();
    const head = await request(t.http).head(PATH);
    expect(head.status).toBe(200);
    expect(head.headers['etag']).toBe(res.headers['etag']);
  });

  it('answers 304 to a matching If-None-Match (strong, weak or in a list), 200 otherwise', async () => {
    const etag = (await anon.get(PATH)).headers['etag'] as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await request(t.http).get(PATH).set('If-None-Match', header);
      expect([header, res.status, res.text ?? '']).toEqual([header, 304, '']);
      expect(res.headers['etag']).toBe(etag);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await request(t.http).get(PATH).set('If-None-Match', '"stale"')).status).toBe(200);
  });

  it('answers a CORS preflight', async () => {
    const res = await request(t.http).options(PATH)
      .set('Origin', 'https://verifier.example.org').set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'if-none-match');
    expect(res.status).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'if-none-match',
    });
    const odd = await request(t.http).options(PATH).set('Access-Control-Request-Headers', 'x-a;x-b: 1');
    expect(odd.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('a card signed by the active key verifies with the published key using plain node:crypto', async () => {
    const input = Buffer.from('eyJ6aXAiOiJERUYifQ.payload');
    const signed = await t.app.get(TransactionRunner).run((m) => t.app.get(KeysService).withActiveSigner(m, async (s) => ({ kid: s.kid, sig: await s.signer.sign(input) })));
    const jwk = ((await anon.get(PATH)).body as KeySet).keys.find((k) => k['kid'] === signed.kid)!;
    expect(signed.kid).toBe(made[1]!.kid);
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk['x'] as string, y: jwk['y'] as string }, format: 'jwk' });
    expect(verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signed.sig)).toBe(true);
  });

  it('drops a revoked key at once: the next request, whatever the client cached, no longer carries it', async () => {
    const before = await anon.get(PATH);
    const victim = made[2]!;
    const req = (await alice.post(`/api/v1/issuer-keys/${victim.id}/revocation-requests`, { reason: 'Key material exposed' })).body as KeyRevocationRequestResponse;
    // a pending request changes nothing yet
    expect(((await anon.get(PATH)).body as KeySet).keys.map((k) => k['kid'])).toContain(victim.kid);
    expect((await bob.post(`/api/v1/issuer-key-revocations/${req.id}/decision`, { decision: 'approve', reason: 'Exposure confirmed' })).status).toBe(200);

    const after = await request(t.http).get(PATH).set('If-None-Match', before.headers['etag'] as string);
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    const kids = (after.body as KeySet).keys.map((k) => k['kid']);
    expect(kids).toEqual([made[0]!.kid, made[1]!.kid, made[3]!.kid]);
    expect(validateKeySet(after.body).valid).toBe(true);
  });
});

describe('public key set under other issuer paths', () => {
  it.each([
    ['a deeper path', 'https://health.example.gov/shc/state', '/shc/state/.well-known/jwks.json'],
    ['the host root', 'https://health.example.gov', '/.well-known/jwks.json'],
  ])('lives under %s', async (_name, issuerUrl, path) => {
    const t = await startTestApp({ TESSERA_ISSUER_URL: issuerUrl });
    try {
      const res = await request(t.http).get(path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ keys: [] });
      expect((await request(t.http).get(PATH)).status).not.toBe(200);
    } finally {
      await t.close();
    }
  });
});
