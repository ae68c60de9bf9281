import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { IssuerKeyResponse, ProblemDetails } from '@tessera/contracts';
import { publicJwk } from '@tessera/shc-core';
import { ApiClient, createEnrolledStaff, freePort, signIn, startTestApp, type TestApp } from './harness';

/**
 * The activation gate refuses unless a test card signed with the candidate key verifies against the key set fetched
 * over HTTP from the configured issuer URL. Here the issuer URL points at a port where nothing listens, or at a
 * stand-in server whose key set is wrong in one way or another.
 */
describe('the activation gate', () => {
  let stub: Server;
  /** null: never answer (the socket stays open). */
  let answer: (path: string) => { status: number; body: string } | null = () => ({ status: 404, body: '' });
  let stubUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    stub = createServer((req, res) => {
      seen.push(req.url ?? '');
      const a = answer(req.url ?? '');
      if (a === null) return;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const addr = stub.address();
    stubUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/state/shc`;
  });
  afterAll(async () => {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  async function setUp(issuerUrl: string): Promise<{ t: TestApp; admin: ApiClient; key: IssuerKeyResponse }> {
    const t = await startTestApp({ TESSERA_ISSUER_URL: issuerUrl, TESSERA_KEY_PREPUBLISH_DAYS: '0' });
    const admin = (await signIn(t, await createEnrolledStaff(t, 'gate.admin', ['key_admin']))).client;
    const key = (await admin.post('/api/v1/issuer-keys', { reason: 'Candidate key for the gate test' })).body as IssuerKeyResponse;
    return { t, admin, key };
  }

  async function expectRefused(t: TestApp, admin: ApiClient, key: IssuerKeyResponse, reason: RegExp): Promise<void> {
    const res = await admin.post(`/api/v1/issuer-keys/${key.id}/activate`, { reason: 'Activate the candidate key' });
    expect(res.status).toBe(409);
    const p = res.body as ProblemDetails;
    const url = `${t.config.issuerUrl}/.well-known/jwks.json`;
    expect(p.title).toBe('Activation refused');
    expect(p.detail).toContain(url);
    expect(p.detail).toMatch(reason);
    const [state] = await t.sql<{ state: string }>('SELECT state FROM issuer_key WHERE id = $1', [key.id]);
    expect(state!.state).toBe('created');
    const [entry] = await t.sql<{ outcome: string; reason: string; details: Record<string, unknown> }>(
      `SELECT outcome, reason, details FROM audit_event WHERE action = 'issuer_key.activation_refused' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ outcome: 'failed', reason: 'Activate the candidate key', details: { kid: key.kid, jwksUrl: url } });
    expect(String(entry!.details['gate'])).toMatch(reason);
    expect(await t.sql(`SELECT 1 FROM audit_event WHERE action = 'issuer_key.activated'`)).toEqual([]);
  }

  it('refuses when nothing answers at the issuer URL', async () => {
    const { t, admin, key } = await setUp(`http://127.0.0.1:${await freePort()}/issuer`);
    try {
      await expectRefused(t, admin, key, /could not be fetched \(ECONNREFUSED\)/);
    } finally {
      await t.close();
    }
  });

  it('refuses when the key set served there does not hold the key, then activates once it does', async () => {
    const { t, admin, key } = await setUp(stubUrl);
    try {
      const other = publicJwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      answer = (path) => (path === '/state/shc/.well-known/jwks.json' ? { status: 200, body: JSON.stringify({ keys: [other] }) } : { status: 404, body: '' });
      await expectRefused(t, admin, key, new RegExp(`unknown kid "${key.kid}"`));
      expect(seen).toContain('/state/shc/.well-known/jwks.json');

      // the same stand-in serving the key as published (e.g. a CDN that finally picked it up): the gate passes
      answer = () => ({ status: 200, body: JSON.stringify({ keys: [other, key.publicJwk] }) });
      const res = await admin.post(`/api/v1/issuer-keys/${key.id}/activate`, { reason: 'Activate the candidate key' });
      expect(res.status).toBe(200);
      expect((res.body as IssuerKeyResponse).state).toBe('active');
    } finally {
      await t.close();
    }
  });

  it('refuses when the key set answers an error status or is not a key set', async () => {
    const { t, admin, key } = await setUp(stubUrl);
    try {
      answer = () => ({ status: 503, body: '{}' });
      await expectRefused(t, admin, key, /answered HTTP 503/);
      answer = () => ({ status: 200, body: '{"issuer":"not a key set"}' });
      await expectRefused(t, admin, key, /not a key set/);
      // a key set whose copy of our key is damaged: the signature cannot verify with it
      const damaged = { ...key.publicJwk, use: 'enc' };
      answer = () => ({ status: 200, body: JSON.stringify({ keys: [damaged] }) });
      await expectRefused(t, admin, key, /use must be "sig"/);
    } finally {
      await t.close();
    }
  });

  it('gives up after 5 seconds without an answer', async () => {
    const { t, admin, key } = await setUp(stubUrl);
    try {
      answer = () => null;
      const started = Date.now();
      await expectRefused(t, admin, key, /no answer within 5 s/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      stub.closeAllConnections();
      await t.close();
    }
  });
});
