import { createPublicKey, verify } from 'node:crypto';
import type { IssuerKeyResponse, IssuerKeysResponse, KeyRevocationRequestResponse, ProblemDetails } from '@tessera/contracts';
import { jwkThumbprint } from '@tessera/shc-core';
import { Envelope } from '../src/crypto/envelope';
import { TransactionRunner } from '../src/database/transaction';
import { KeysService } from '../src/keys/keys.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';

interface AuditRow { seq: string; action: string; outcome: string; reason: string | null; actor_username: string | null; target_id: string | null; request_id: string | null; details: Record<string, unknown> }

const audits = (t: TestApp, action: string) =>
  t.sql<AuditRow>(`SELECT seq::text, action, outcome, reason, actor_username, target_id, request_id, details FROM audit_event WHERE action = $1 ORDER BY seq`, [action]);
const jwks = async (client: ApiClient) => (await client.get('/issuer/.well-known/jwks.json')).body as { keys: { kid: string }[] };

describe('issuer keys: lifecycle through the API', () => {
  let t: TestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  let auditor: ApiClient;
  let first: IssuerKeyResponse;
  let second: IssuerKeyResponse;

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true }); // default lead time: 7 days
    alice = (await signIn(t, await createEnrolledStaff(t, 'keys.alice', ['key_admin']))).client;
    bob = (await signIn(t, await createEnrolledStaff(t, 'keys.bob', ['key_admin']))).client;
    auditor = (await signIn(t, await createEnrolledStaff(t, 'keys.audrey', ['auditor']))).client;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('creates a key: published at once, not signing, the private key stored only sealed, audited with its reason', async () => {
    const res = await alice.post('/api/v1/issuer-keys', { reason: 'First signing key for go-live' });
    expect(res.status).toBe(201);
    first = res.body as IssuerKeyResponse;
    expect(first).toMatchObject({ state: 'created', published: true, store: 'software', createdBy: 'keys.alice', activatedAt: null, pendingRevocation: null });
    expect(Object.keys(first.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(first.kid).toBe(jwkThumbprint(first.publicJwk));
    expect(res.text).not.toMatch(/private_?ref|"d"/i);

    const [row] = await t.sql<{ private_ref: Buffer; public_jwk: Record<string, unknown> }>('SELECT private_ref, public_jwk FROM issuer_key WHERE id = $1', [first.id]);
    expect(row!.private_ref.subarray(0, 3).toString()).toBe('TE1'); // the envelope format, not a JWK
    expect(row!.private_ref.toString('latin1')).not.toContain('"d"');
    const envelope = t.app.get(Envelope);
    const jwk = JSON.parse(envelope.open(row!.private_ref, `issuer_key:${first.kid}`).toString()) as { d: string; x: string; y: string };
    expect([jwk.x, jwk.y]).toEqual([first.publicJwk.x, first.publicJwk.y]);
    expect(jwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => envelope.open(row!.private_ref, `issuer_key:${'A'.repeat(43)}`)).toThrow(); // bound to its kid

    const [created] = await audits(t, 'issuer_key.created');
    expect(created).toMatchObject({ outcome: 'success', reason: 'First signing key for go-live', actor_username: 'keys.alice', target_id: first.id });
    expect(created!.details).toMatchObject({ kid: first.kid, store: 'software' });
    expect((await jwks(alice)).keys.map((k) => k.kid)).toEqual([first.kid]);
  });

  it('refuses a key operation without a reason, naming the field', async () => {
    const res = await alice.post('/api/v1/issuer-keys', {});
    expect(res.status).toBe(400);
    expect((res.body as ProblemDetails).errors?.map((e) => e.field)).toContain('reason');
    expect((await alice.post(`/api/v1/issuer-keys/${first.id}/activate`, { reason: 'ok' })).status).toBe(400); // too short
  });

  it('asks for an acknowledgement before activating a key published for less than the lead time, and audits the refusal', async () => {
    const res = await alice.post(`/api/v1/issuer-keys/${first.id}/activate`, { reason: 'Go-live of card issuance' });
    expect(res.status).toBe(409);
    const p = res.body as ProblemDetails;
    expect(p.type).toMatch(/short-publication$/);
    expect(p.detail).toMatch(/less than the 7-day lead time.*acknowledge/s);
    const [row] = await t.sql<{ state: string }>('SELECT state FROM issuer_key WHERE id = $1', [first.id]);
    expect(row!.state).toBe('created');
    const [refused] = await audits(t, 'issuer_key.activation_refused');
    expect(refused).toMatchObject({ outcome: 'failed', reason: 'Go-live of card issuance', target_id: first.id });
    expect(refused!.details).toMatchObject({ why: 'short_publication', kid: first.kid });
  });

  it('activates through the gate: a test card verified against the key set fetched over HTTP from the issuer URL', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const res = await alice.post(`/api/v1/issuer-keys/${first.id}/activate`, { reason: 'Go-live of card issuance', acknowledgeShortPublication: true });
    expect(res.status).toBe(200);
    expect(res.body as IssuerKeyResponse).toMatchObject({ state: 'active', published: true });
    expect((res.body as IssuerKeyResponse).rotationDueAt).not.toBeNull();
    const jwksUrl = `${t.config.issuerUrl}/.well-known/jwks.json`;
    expect(jwksUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/issuer\/\.well-known\/jwks\.json$/);
    expect(fetchSpy.mock.calls.map(([url]) => (typeof url === 'string' ? url : url instanceof URL ? url.href : url.url))).toContain(jwksUrl);
    fetchSpy.mockRestore();
    const [activated] = await audits(t, 'issuer_key.activated');
    expect(activated).toMatchObject({ outcome: 'success', reason: 'Go-live of card issuance', actor_username: 'keys.alice' });
    expect(activated!.details).toMatchObject({ kid: first.kid, replaced: null, acknowledgedShortPublication: true, verifiedAgainst: jwksUrl });

    // the active key signs, and the signature verifies with the published key (plain node:crypto)
    const input = Buffer.from('signing input');
    const sig = await t.app.get(TransactionRunner).run((m) => t.app.get(KeysService).withActiveSigner(m, async (s) => {
      expect(s).toMatchObject({ keyId: first.id, kid: first.kid });
      return s.signer.sign(input);
    }));
    const pub = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: first.publicJwk.x, y: first.publicJwk.y }, format: 'jwk' });
    expect(verify('sha256', input, { key: pub, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
  });

  it('activating another key retires the active one in the same transaction; both entries carry the reason', async () => {
    second = (await alice.post('/api/v1/issuer-keys', { reason: 'Annual rotation, successor key' })).body as IssuerKeyResponse;
    const res = await bob.post(`/api/v1/issuer-keys/${second.id}/activate`, { reason: 'Annual rotation', acknowledgeShortPublication: true });
    expect(res.status).toBe(200);
    const states = await t.sql<{ id: string; state: string; retired_at: Date | null }>('SELECT id, state, retired_at FROM issuer_key ORDER BY created_at');
    expect(states.map((s) => s.state)).toEqual(['retired', 'active']);
    expect(states[0]!.retired_at).not.toBeNull();
    const [retired] = await audits(t, 'issuer_key.retired');
    const activated = (await audits(t, 'issuer_key.activated')).at(-1)!;
    expect(retired).toMatchObject({ target_id: first.id, reason: 'Annual rotation', actor_username: 'keys.bob' });
    expect(retired!.details).toMatchObject({ kid: first.kid, replacedBy: second.kid });
    expect(activated.details).toMatchObject({ kid: second.kid, replaced: first.kid });
    expect(Number(activated.seq)).toBe(Number(retired!.seq) + 1);
    expect(activated.request_id).toBe(retired!.request_id);
    // the retired key stays published: the cards it signed keep verifying
    expect((await jwks(alice)).keys.map((k) => k.kid).sort()).toEqual([first.kid, second.kid].sort());
  });

  it('a retired key never signs again: it cannot be re-activated', async () => {
    const res = await alice.post(`/api/v1/issuer-keys/${first.id}/activate`, { reason: 'Try to bring it back', acknowledgeShortPublication: true });
    expect(res.status).toBe(409);
    expect((res.body as ProblemDetails).detail).toContain(`${first.kid} is retired`);
  });

  it('lists keys with the issuer, the key set URL and the policy, never a private member', async () => {
    const res = await auditor.get('/api/v1/issuer-keys');
    expect(res.status).toBe(200);
    const list = res.body as IssuerKeysResponse;
    expect(list).toMatchObject({ iss: t.config.issuerUrl, jwksUrl: `${t.config.issuerUrl}/.well-known/jwks.json`, policy: { cryptoperiodMonths: 12, prePublicationDays: 7, destroyPrivateAfterDays: 30 } });
    expect(list.keys.map((k) => [k.kid, k.state])).toEqual([[second.kid, 'active'], [first.kid, 'retired']]);
    expect(list.keys[1]!.privateDestroyDueAt).not.toBeNull();
    expect(list.warnings).toEqual([]);
    expect(res.text).not.toMatch(/private_ref|"d":/);
    // an auditor reads the keys but changes nothing
    expect((await auditor.post('/api/v1/issuer-keys', { reason: 'An auditor tries to create a key' })).status).toBe(403);
  });

  it('warns when the active key is due for rotation (and overdue) with no successor waiting', async () => {
    await t.sql(`UPDATE issuer_key SET activated_at = now() - interval '12 months' + interval '3 days' WHERE id = $1`, [second.id]);
    let list = (await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse;
    expect(list.warnings.join(' ')).toMatch(new RegExp(`active key ${second.kid} is due for rotation on`));
    await t.sql(`UPDATE issuer_key SET activated_at = now() - interval '13 months' WHERE id = $1`, [second.id]);
    list = (await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse;
    expect(list.warnings.join(' ')).toMatch(/is overdue for rotation/);
    await t.sql(`UPDATE issuer_key SET activated_at = now() WHERE id = $1`, [second.id]);
  });

  it('retiring the active key leaves none: signing is refused with a clear problem, and the console is warned', async () => {
    const res = await alice.post(`/api/v1/issuer-keys/${second.id}/retire`, { reason: 'Suspected misuse, stopping issuance' });
    expect(res.status).toBe(200);
    expect((res.body as IssuerKeyResponse).state).toBe('retired');
    const [entry] = (await audits(t, 'issuer_key.retired')).slice(-1);
    expect(entry!.details).toMatchObject({ kid: second.kid, previousState: 'active', noActiveKeyLeft: true });
    await expect(t.app.get(TransactionRunner).run((m) => t.app.get(KeysService).withActiveSigner(m, () => Promise.resolve(1))))
      .rejects.toMatchObject({ problem: { status: 409, title: 'No active signing key', detail: expect.stringMatching(/key administrator must activate one/) as unknown } });
    const list = (await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse;
    expect(list.warnings.join(' ')).toMatch(/No key is active: cards cannot be issued/);
    expect((await alice.post(`/api/v1/issuer-keys/${second.id}/retire`, { reason: 'Retire it twice' })).status).toBe(409);
  });

  it('answers 404 for an unknown key and 400 for a malformed id', async () => {
    expect((await alice.post('/api/v1/issuer-keys/9b2f1c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f/retire', { reason: 'No such key here' })).status).toBe(404);
    expect((await alice.post('/api/v1/issuer-keys/not-a-uuid/retire', { reason: 'Malformed id here' })).status).toBe(400);
  });

  describe('revocation for compromise: two key administrators', () => {
    let victim: IssuerKeyResponse;
    let request: KeyRevocationRequestResponse;

    beforeAll(async () => {
      victim = (await alice.post('/api/v1/issuer-keys', { reason: 'Key that will be compromised' })).body as IssuerKeyResponse;
      expect((await alice.post(`/api/v1/issuer-keys/${victim.id}/activate`, { reason: 'Resume issuance', acknowledgeShortPublication: true })).status).toBe(200);
    });

    it('one administrator requests; they cannot decide their own request (403, audited as denied)', async () => {
      const res = await alice.post(`/api/v1/issuer-keys/${victim.id}/revocation-requests`, { reason: 'Private key copied to a laptop that was stolen' });
      expect(res.status).toBe(201);
      request = res.body as KeyRevocationRequestResponse;
      expect(request).toMatchObject({ keyId: victim.id, requestedBy: 'keys.alice', decision: null, reason: 'Private key copied to a laptop that was stolen' });
      const listed = ((await bob.get('/api/v1/issuer-keys')).body as IssuerKeysResponse).keys.find((k) => k.id === victim.id)!;
      expect(listed.pendingRevocation).toMatchObject({ id: request.id, requestedBy: 'keys.alice' });

      const own = await alice.post(`/api/v1/issuer-key-revocations/${request.id}/decision`, { decision: 'approve', reason: 'Approving my own request' });
      expect(own.status).toBe(403);
      expect((own.body as ProblemDetails).title).toBe('Second key administrator required');
      const [denied] = (await audits(t, 'issuer_key.revoked'));
      expect(denied).toMatchObject({ outcome: 'denied', actor_username: 'keys.alice', reason: 'Approving my own request' });
      expect(denied!.details).toMatchObject({ why: 'requester_cannot_decide', requestId: request.id });
      expect((await jwks(alice)).keys.map((k) => k.kid)).toContain(victim.kid);
    });

    it('a second request for the same key waits for the first to be decided (409)', async () => {
      const res = await bob.post(`/api/v1/issuer-keys/${victim.id}/revocation-requests`, { reason: 'Also requesting revocation' });
      expect(res.status).toBe(409);
      expect((res.body as ProblemDetails).detail).toMatch(/requested by keys\.alice awaits a decision/);
    });

    it('rejecting closes the request and leaves the key as it was', async () => {
      const res = await bob.post(`/api/v1/issuer-key-revocations/${request.id}/decision`, { decision: 'reject', reason: 'The laptop was found, disk encrypted' });
      expect(res.status).toBe(200);
      expect(res.body as KeyRevocationRequestResponse).toMatchObject({ decision: 'reject', decidedBy: 'keys.bob', decisionReason: 'The laptop was found, disk encrypted' });
      const [row] = await t.sql<{ state: string }>('SELECT state FROM issuer_key WHERE id = $1', [victim.id]);
      expect(row!.state).toBe('active');
      expect((await audits(t, 'issuer_key.revocation_rejected'))[0]).toMatchObject({ outcome: 'success', actor_username: 'keys.bob', target_id: victim.id });
      const again = await bob.post(`/api/v1/issuer-key-revocations/${request.id}/decision`, { decision: 'approve', reason: 'Changed my mind, approve' });
      expect(again.status).toBe(409);
      expect((again.body as ProblemDetails).detail).toMatch(/already rejected by keys\.bob/);
    });

    it('approval by another administrator revokes the key: out of the key set at once, signing stops', async () => {
      request = (await bob.post(`/api/v1/issuer-keys/${victim.id}/revocation-requests`, { reason: 'Key found on a public paste site' })).body as KeyRevocationRequestResponse;
      const res = await alice.post(`/api/v1/issuer-key-revocations/${request.id}/decision`, { decision: 'approve', reason: 'Confirmed: the key is public' });
      expect(res.status).toBe(200);
      expect(res.body as KeyRevocationRequestResponse).toMatchObject({ decision: 'approve', requestedBy: 'keys.bob', decidedBy: 'keys.alice' });
      const keys = ((await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse).keys;
      expect(keys.find((k) => k.id === victim.id)).toMatchObject({ state: 'revoked', published: false, pendingRevocation: null });
      expect((await jwks(alice)).keys.map((k) => k.kid)).not.toContain(victim.kid);
      expect((await t.app.get(KeysService).keyStates()).get(victim.kid)).toBe('revoked');
      await expect(t.app.get(TransactionRunner).run((m) => t.app.get(KeysService).withActiveSigner(m, () => Promise.resolve(1))))
        .rejects.toMatchObject({ problem: { status: 409 } });
      const revoked = (await audits(t, 'issuer_key.revoked')).at(-1)!;
      expect(revoked).toMatchObject({ outcome: 'success', actor_username: 'keys.alice', reason: 'Confirmed: the key is public', target_id: victim.id });
      expect(revoked.details).toMatchObject({ requestedBy: 'keys.bob', requestReason: 'Key found on a public paste site', previousState: 'active' });
      expect((await bob.post(`/api/v1/issuer-keys/${victim.id}/revocation-requests`, { reason: 'Revoke it once more' })).status).toBe(409);
      expect((await alice.post(`/api/v1/issuer-keys/${victim.id}/activate`, { reason: 'Bring it back', acknowledgeShortPublication: true })).status).toBe(409);
    });

    it('a key reported compromised cannot be activated while the report awaits its decision', async () => {
      const spare = (await alice.post('/api/v1/issuer-keys', { reason: 'Spare key, later reported' })).body as IssuerKeyResponse;
      const report = (await bob.post(`/api/v1/issuer-keys/${spare.id}/revocation-requests`, { reason: 'Spare key material seen in a ticket' })).body as KeyRevocationRequestResponse;
      const res = await alice.post(`/api/v1/issuer-keys/${spare.id}/activate`, { reason: 'Rotate to the spare', acknowledgeShortPublication: true });
      expect(res.status).toBe(409);
      expect((res.body as ProblemDetails).title).toBe('Revocation pending');
      expect(((await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse).keys.find((k) => k.id === spare.id)!.state).toBe('created');
      expect((await alice.post(`/api/v1/issuer-key-revocations/${report.id}/decision`, { decision: 'reject', reason: 'The ticket held only the public key' })).status).toBe(200);
      expect((await alice.post(`/api/v1/issuer-keys/${spare.id}/activate`, { reason: 'Rotate to the spare', acknowledgeShortPublication: true })).status).toBe(200);
    });

    it('is refused without a signed-in administrator (the command line cannot revoke)', async () => {
      await expect(t.app.get(KeysService).requestRevocation(first.id, 'From a script without a session'))
        .rejects.toMatchObject({ problem: { status: 403 } });
    });
  });
});
