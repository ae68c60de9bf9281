import { createHash } from 'node:crypto';
import request from 'supertest';
import type { CreatedPortalClientResponse, PortalCardResponse, PortalClientResponse } from '@tessera/contracts';
import { auditRows, count, insertDose, insertKey, insertPerson } from './cards-fixtures';
import { FAILED_CREDENTIALS_PER_MINUTE } from '../src/portal/portal-clients.service';
import { createEnrolledStaff, signIn, startTestApp, type ApiClient, type TestApp } from './harness';

/** The resident portal's machine API: credentials managed by key administrators, bearer auth, rate limit, channel portal. */
describe('resident-portal issuance API', () => {
  let t: TestApp;
  let keyAdmin: ApiClient;
  let agent: ApiClient;
  const RATE = 3;

  const portal = (credential: string | null, body: unknown) => {
    let req = request(t.http).post('/api/v1/portal/cards').set('Content-Type', 'application/json');
    if (credential !== null) req = req.set('Authorization', `Bearer ${credential}`);
    return req.send(JSON.stringify(body));
  };
  const newClient = async (name: string) => {
    const res = await keyAdmin.post('/api/v1/portal-clients', { name, reason: 'resident portal go-live, change CR-77' });
    expect(res.status).toBe(201);
    return res.body as CreatedPortalClientResponse;
  };
  const personWithCovidDose = async () => {
    const person = await insertPerson(t, { given: 'Katherine', family: 'Johnson', birthDate: '1958-08-26' });
    await insertDose(t, person.id, { cvx: '212', date: '2021-04-02' });
    return person;
  };

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_PORTAL_RATE_LIMIT: String(RATE) });
    await insertKey(t, 'active');
    keyAdmin = (await signIn(t, await createEnrolledStaff(t, 'portal.keyadmin', ['key_admin']))).client;
    agent = (await signIn(t, await createEnrolledStaff(t, 'portal.agent', ['helpdesk_agent']))).client;
  });
  afterAll(() => t.close());

  it('creates a client whose credential is shown once and stored only as a hash', async () => {
    const created = await newClient('resident-portal');
    const [id, secret] = created.credential.split('.') as [string, string];
    expect(id).toBe(created.id);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    const [row] = await t.sql<{ secret_hash: string; created_by: string }>(`SELECT secret_hash, created_by FROM portal_client WHERE id = $1`, [id]);
    expect(row!.secret_hash).toBe(`sha256:${createHash('sha256').update(secret).digest('base64url')}`);
    expect(row!.secret_hash).not.toContain(secret);
    const list = (await keyAdmin.get('/api/v1/portal-clients')).body as PortalClientResponse[];
    expect(list.find((c) => c.id === id)).toMatchObject({ name: 'resident-portal', createdBy: 'portal.keyadmin', revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await auditRows(t, 'portal_client.created')).at(-1)).toMatchObject({ target_id: id, details: { name: 'resident-portal' } });
    expect(JSON.stringify(await t.sql(`SELECT details, reason FROM audit_event`))).not.toContain(secret);
    const again = await keyAdmin.post('/api/v1/portal-clients', { name: 'resident-portal', reason: 'second try at the same name' });
    expect(again.status).toBe(409);
  });

  it('issues the matched person\'s card with channel portal, no staff member, audited as portal:<name>', async () => {
    const client = await newClient('portal-issue');
    const person = await personWithCovidDose();
    const res = await portal(client.credential, { registryPersonId: person.registryId });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as PortalCardResponse;
    expect(body.verifiableCredential).toHaveLength(1);
    expect(body.verifiableCredential[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.qrText).toMatch(/^shc:\/\d+$/);
    const [row] = await t.sql<{ channel: string; portal_client_id: string; issued_by: string | null; person_id: string }>(
      `SELECT channel, portal_client_id, issued_by, person_id FROM card WHERE id = $1`, [body.cardId]);
    expect(row).toEqual({ channel: 'portal', portal_client_id: client.id, issued_by: null, person_id: person.id });
    const [issued] = await t.sql<{ actor_id: string | null; actor_username: string; details: Record<string, unknown> }>(
      `SELECT actor_id, actor_username, details FROM audit_event WHERE action = 'card.issued' ORDER BY seq DESC LIMIT 1`);
    expect(issued).toMatchObject({ actor_id: null, actor_username: 'portal:portal-issue', details: { cardId: body.cardId, channel: 'portal', portalClientId: client.id } });
    const [used] = await t.sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM portal_client WHERE id = $1`, [client.id]);
    expect(used!.last_used_at).not.toBeNull();
    // the staff console lists it as issued by the portal
    const list = (await agent.get(`/api/v1/persons/${person.id}/cards`)).body as { issuedBy: string; channel: string }[];
    expect(list[0]).toMatchObject({ channel: 'portal', issuedBy: 'portal:portal-issue' });
  });

  it('answers 401 to a missing, malformed, unknown or wrong credential, audits why, never the secret', async () => {
    const client = await newClient('portal-auth');
    const person = await personWithCovidDose();
    const [id, secret] = client.credential.split('.') as [string, string];
    const wrongSecret = `${id}.${'A'.repeat(43)}`;
    const unknown = `00000000-0000-4000-8000-000000000000.${secret}`;
    const cards = await count(t, 'card');
    const before = (await auditRows(t, 'portal_client.denied')).length;
    for (const credential of [null, 'not-a-credential', unknown, wrongSecret]) {
      const res = await portal(credential, { registryPersonId: person.registryId });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const basic = await request(t.http).post('/api/v1/portal/cards').set('Authorization', `Basic ${Buffer.from(client.credential).toString('base64')}`).send({});
    expect(basic.status).toBe(401);
    const denied = (await auditRows(t, 'portal_client.denied')).slice(before);
    expect(denied.map((d) => d.details['why'])).toEqual(['missing', 'malformed', 'unknown_client', 'wrong_secret', 'malformed']);
    expect(denied[3]).toMatchObject({ outcome: 'denied', actor_username: 'portal:portal-auth', target_id: id });
    expect(JSON.stringify(await t.sql(`SELECT * FROM audit_event`))).not.toContain(secret);
    expect(await count(t, 'card')).toBe(cards);
  });

  it('gives a staff session no way in: the credential is required even with a signed-in session', async () => {
    const person = await personWithCovidDose();
    const res = await agent.post('/api/v1/portal/cards', { registryPersonId: person.registryId });
    expect(res.status).toBe(401);
    expect((await auditRows(t, 'portal_client.denied')).at(-1)).toMatchObject({ actor_username: null, details: { why: 'missing' } });
  });

  it('answers 404 for an unknown registry id and 422 for a person without a completed dose', async () => {
    const client = await newClient('portal-errors');
    expect((await portal(client.credential, { registryPersonId: 'NO-SUCH-PERSON' })).status).toBe(404);
    const person = await insertPerson(t);
    const res = await portal(client.credential, { registryPersonId: person.registryId });
    expect(res.status).toBe(422);
    expect((await auditRows(t, 'card.issue_refused')).at(-1)).toMatchObject({ actor_username: 'portal:portal-errors', details: { channel: 'portal', why: 'no-completed-dose' } });
  });

  it('rate-limits each client (429 with Retry-After), audited once per burst; other clients are unaffected', async () => {
    const busy = await newClient('portal-busy');
    const calm = await newClient('portal-calm');
    const person = await personWithCovidDose();
    const before = (await auditRows(t, 'portal_client.denied')).length;
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 2; i++) statuses.push((await portal(busy.credential, { registryPersonId: person.registryId })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const limited = await portal(busy.credential, { registryPersonId: person.registryId });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60 / RATE + 1);
    expect((await portal(calm.credential, { registryPersonId: person.registryId })).status).toBe(201);
    const denied = (await auditRows(t, 'portal_client.denied')).slice(before);
    expect(denied.map((d) => [d.actor_username, d.details['why']])).toEqual([['portal:portal-busy', 'rate_limited']]);
  });

  it('revokes a client with a reason: its credential stops working at once', async () => {
    const client = await newClient('portal-revoked');
    const person = await personWithCovidDose();
    expect((await portal(client.credential, { registryPersonId: person.registryId })).status).toBe(201);
    expect((await keyAdmin.post(`/api/v1/portal-clients/${client.id}/revoke`, {})).status).toBe(400); // a reason is required
    const revoked = await keyAdmin.post(`/api/v1/portal-clients/${client.id}/revoke`, { reason: 'portal vendor changed' });
    expect(revoked.status).toBe(200);
    expect((revoked.body as PortalClientResponse).revokedAt).not.toBeNull();
    expect((await keyAdmin.post(`/api/v1/portal-clients/${client.id}/revoke`, { reason: 'portal vendor changed' })).status).toBe(409);
    expect((await portal(client.credential, { registryPersonId: person.registryId })).status).toBe(401);
    expect((await auditRows(t, 'portal_client.denied')).at(-1)).toMatchObject({ details: { why: 'revoked' } });
    expect((await auditRows(t, 'portal_client.revoked')).at(-1)).toMatchObject({ target_id: client.id });
  });

  // Last: it spends this minute's allowance of failures for the address all tests share.
  it('throttles failed credentials per address: 429 once over the limit, at most one audit entry a minute', async () => {
    const before = (await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM audit_event WHERE action = 'portal_client.denied'`))[0]!.n;
    const statuses: number[] = [];
    // Earlier tests in this file spent a few failures of this minute's allowance from the same address.
    for (let i = 0; i < FAILED_CREDENTIALS_PER_MINUTE + 5; i++) statuses.push((await portal('nobody.' + 'x'.repeat(43), { registryPersonId: 'R-0' })).status);
    const allowed = statuses.filter((s) => s === 401).length;
    expect(allowed).toBeLessThanOrEqual(FAILED_CREDENTIALS_PER_MINUTE);
    expect(statuses).toEqual([...Array(allowed).fill(401), ...Array(statuses.length - allowed).fill(429)]);
    const after = (await t.sql<{ n: string }>(`SELECT count(*)::text AS n FROM audit_event WHERE action = 'portal_client.denied'`))[0]!.n;
    expect(Number(after) - Number(before)).toBe(allowed + 1); // each allowed failure, then one for the throttled burst
  });
});
