import type { IssuerKeyResponse, IssuerKeysResponse, KeyRevocationRequestResponse } from '@tessera/contracts';
import { KEY_STORE, type KeyStore } from '../src/keys/key-store';
import { createApp } from '../src/bootstrap-app';
import { KeysService } from '../src/keys/keys.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Private material of retired and revoked keys is destroyed after the retention period; the public key stays. */
describe('retention of private keys', () => {
  let t: TestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  const keys: Record<'old' | 'active' | 'waiting' | 'recent' | 'revoked', IssuerKeyResponse> = {} as never;

  const create = async (reason: string) => (await alice.post('/api/v1/issuer-keys', { reason })).body as IssuerKeyResponse;
  const privateOf = async (id: string) =>
    (await t.sql<{ has_private: boolean; private_destroyed_at: Date | null }>(
      'SELECT private_ref IS NOT NULL AS has_private, private_destroyed_at FROM issuer_key WHERE id = $1', [id],
    ))[0]!;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_KEY_PREPUBLISH_DAYS: '0', TESSERA_KEY_DESTROY_AFTER_DAYS: '30' }, { listen: true });
    alice = (await signIn(t, await createEnrolledStaff(t, 'keep.alice', ['key_admin']))).client;
    bob = (await signIn(t, await createEnrolledStaff(t, 'keep.bob', ['key_admin']))).client;
    keys.old = await create('Key retired long ago');
    await alice.post(`/api/v1/issuer-keys/${keys.old.id}/activate`, { reason: 'First key in service' });
    keys.active = await create('Key in service now');
    await alice.post(`/api/v1/issuer-keys/${keys.active.id}/activate`, { reason: 'Rotation to the current key' });
    keys.waiting = await create('Successor, published ahead');
    keys.recent = await create('Published by mistake');
    await alice.post(`/api/v1/issuer-keys/${keys.recent.id}/retire`, { reason: 'Withdrawn before use' });
    keys.revoked = await create('Key that leaked');
    const req = (await alice.post(`/api/v1/issuer-keys/${keys.revoked.id}/revocation-requests`, { reason: 'Leaked in a backup' })).body as KeyRevocationRequestResponse;
    await bob.post(`/api/v1/issuer-key-revocations/${req.id}/decision`, { decision: 'approve', reason: 'Confirmed leaked' });
    await t.sql(`UPDATE issuer_key SET retired_at = now() - interval '31 days' WHERE id = $1`, [keys.old.id]);
    await t.sql(`UPDATE issuer_key SET revoked_at = now() - interval '40 days' WHERE id = $1`, [keys.revoked.id]);
    await t.sql(`UPDATE issuer_key SET retired_at = now() - interval '29 days' WHERE id = $1`, [keys.recent.id]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('destroys the private part of keys retired or revoked longer than the period, audited with "retention policy"', async () => {
    const store = t.app.get<KeyStore>(KEY_STORE);
    const destroySpy = jest.spyOn(store, 'destroy');
    const destroyed = await t.app.get(KeysService).destroyDuePrivateKeys(new Date());
    expect(destroyed).toEqual([keys.revoked.kid, keys.old.kid]);
    expect(destroySpy.mock.calls.map(([kid]) => kid)).toEqual([keys.revoked.kid, keys.old.kid]);
    for (const k of [keys.old, keys.revoked]) expect(await privateOf(k.id)).toMatchObject({ has_private: false, private_destroyed_at: expect.any(Date) as unknown });
    for (const k of [keys.active, keys.waiting, keys.recent]) expect(await privateOf(k.id)).toEqual({ has_private: true, private_destroyed_at: null });

    const entries = await t.sql<{ target_id: string; reason: string; actor_username: string; actor_id: string | null; details: { kid: string } }>(
      `SELECT target_id, reason, actor_username, actor_id, details FROM audit_event WHERE action = 'issuer_key.private_destroyed' ORDER BY seq`,
    );
    expect(entries.map((e) => [e.target_id, e.reason, e.actor_username, e.actor_id, e.details.kid])).toEqual([
      [keys.revoked.id, 'retention policy', 'system', null, keys.revoked.kid],
      [keys.old.id, 'retention policy', 'system', null, keys.old.kid],
    ]);

    // the public key stays: the retired key's cards keep verifying (the revoked one was already out of the set)
    const published = ((await alice.get('/issuer/.well-known/jwks.json')).body as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(published).toContain(keys.old.kid);
    expect(published).not.toContain(keys.revoked.kid);
    const listed = ((await alice.get('/api/v1/issuer-keys')).body as IssuerKeysResponse).keys;
    const old = listed.find((k) => k.id === keys.old.id)!;
    expect(old.privateDestroyedAt).not.toBeNull();
    expect(old.privateDestroyDueAt).toBeNull();
    const recent = listed.find((k) => k.id === keys.recent.id)!;
    expect(new Date(recent.privateDestroyDueAt!).getTime() - new Date(recent.retiredAt!).getTime()).toBe(30 * DAY_MS);
  });

  it('does nothing more until another key is due, then takes it at the `now` given', async () => {
    const keysService = t.app.get(KeysService);
    expect(await keysService.destroyDuePrivateKeys(new Date())).toEqual([]);
    expect(await keysService.destroyDuePrivateKeys(new Date(Date.now() + 2 * DAY_MS))).toEqual([keys.recent.kid]);
    const [row] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'issuer_key.private_destroyed'`);
    expect(row!.n).toBe(3);
    // the active key and the one waiting to be activated are never touched, however far in the future
    expect(await keysService.destroyDuePrivateKeys(new Date(Date.now() + 3650 * DAY_MS))).toEqual([]);
  });

  it('runs at boot and hourly; stopping the module waits for a run in progress', async () => {
    await alice.post(`/api/v1/issuer-keys/${keys.waiting.id}/retire`, { reason: 'Successor no longer needed' });
    await t.sql(`UPDATE issuer_key SET retired_at = now() - interval '60 days' WHERE id = $1`, [keys.waiting.id]);
    // a second instance of the server starting on the same database
    const timers = jest.spyOn(global, 'setInterval');
    const other = await createApp(t.config, t.databaseUrl, { logger: false });
    await other.init();
    expect(timers).toHaveBeenCalledWith(expect.any(Function), 60 * 60 * 1000);
    await other.close(); // returns once the boot run has finished
    expect(await privateOf(keys.waiting.id)).toMatchObject({ has_private: false });
    const [entry] = await t.sql<{ request_id: string }>(
      `SELECT request_id FROM audit_event WHERE action = 'issuer_key.private_destroyed' AND target_id = $1`, [keys.waiting.id],
    );
    expect(entry!.request_id).toMatch(/^key-retention-/);
  });
});
