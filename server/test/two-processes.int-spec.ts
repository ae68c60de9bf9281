import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../src/bootstrap-app';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp, type TestStaff } from './harness';

/**
 * Two server processes on one database, as in production behind a load balancer: `t` and `other`. (One file: a
 * second app in the same test process takes over passport's global strategies, so it lives until the end.)
 *
 * Sessions are cached per process for TESSERA_SESSION_CACHE_SECONDS (60 here, far longer than any wait below), and
 * every change to an account or a session reaches every process through the database's NOTIFY at once. Two server
 * processes share one database: `t` and `other`.
 */
describe('two server processes: session cache and audit chain', () => {
  let t: TestApp;
  let other: INestApplication;
  let otherHttp: Server;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ TESSERA_SESSION_CACHE_SECONDS: '60' });
    other = await createApp(t.config, t.databaseUrl, { logger: false });
    await other.init();
    otherHttp = other.getHttpServer() as Server;
    admin = (await signIn(t, await createEnrolledStaff(t, 'cache.admin', ['staff_admin']))).client;
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  /** GET on either process with a client's session cookie. */
  const getOn = (http: Server, client: ApiClient, path: string) =>
    request(http).get(path).set('Cookie', `tessera_session=${client.cookie('tessera_session')}`);

  /** Status of GET path on `http`, polled until it is `want` or `withinMs` have passed. */
  async function statusWithin(http: Server, client: ApiClient, path: string, want: number, withinMs: number): Promise<number> {
    const until = Date.now() + withinMs;
    for (;;) {
      const { status } = await getOn(http, client, path);
      if (status === want || Date.now() >= until) return status;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const signedIn = async (name: string, roles: TestStaff['roles']) => {
    const staff = await createEnrolledStaff(t, name, roles);
    return { staff, client: (await signIn(t, staff)).client };
  };

  /** Ends a staff member's sessions behind the caches' back: with the change signal (trigger) switched off meanwhile. */
  const endSessionsUnsignalled = async (staffId: string, reason: string, whileOff?: () => Promise<void>) => {
    await t.sql('ALTER TABLE staff_session DISABLE TRIGGER trg_staff_session_auth_changed');
    try {
      await t.sql('UPDATE staff_session SET ended_at = now(), end_reason = $2 WHERE staff_id = $1', [staffId, reason]);
      await whileOff?.();
    } finally {
      await t.sql('ALTER TABLE staff_session ENABLE TRIGGER trg_staff_session_auth_changed');
    }
  };

  it('serves a session it resolved a moment ago without reading the database', async () => {
    const { staff, client } = await signedIn('cache.reader', ['records_officer']);
    expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(200);
    // End the session behind the cache's back: with the change signal switched off, the cached copy is still served
    await endSessionsUnsignalled(staff.id, 'signed_out', async () => {
      expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(200);
    });
    // any signalled change to the account drops the stale entry
    await t.sql('UPDATE staff SET display_name = display_name WHERE id = $1', [staff.id]);
    expect(await statusWithin(otherHttp, client, '/api/v1/auth/me', 401, 2000)).toBe(401);
  });

  it('signing out in one process ends the session in the other at once', async () => {
    const { client } = await signedIn('cache.signout', ['helpdesk_agent']);
    expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(200);
    expect((await getOn(t.http, client, '/api/v1/auth/me')).status).toBe(200);
    const copy = client.cookie('tessera_session');
    expect((await client.post('/api/v1/auth/sign-out')).status).toBe(204);
    const stale = new ApiClient(t.http);
    (stale as unknown as { cookies: Map<string, string> }).cookies.set('tessera_session', copy!);
    // the process that ended it: immediately, no wait
    expect((await getOn(t.http, stale, '/api/v1/auth/me')).status).toBe(401);
    // the other: as soon as the database's signal arrives (well under the 60 s the entry could live)
    expect(await statusWithin(otherHttp, stale, '/api/v1/auth/me', 401, 1000)).toBe(401);
  });

  it('disabling an account ends its cached sessions in every process', async () => {
    const { staff, client } = await signedIn('cache.disabled', ['records_officer']);
    expect((await getOn(otherHttp, client, '/api/v1/persons/search?registryId=X1')).status).toBe(200);
    expect((await getOn(t.http, client, '/api/v1/persons/search?registryId=X1')).status).toBe(200);
    expect((await admin.post(`/api/v1/staff/${staff.id}/disable`, { reason: 'left the department' })).status).toBe(200);
    expect((await getOn(t.http, client, '/api/v1/persons/search?registryId=X1')).status).toBe(401);
    expect(await statusWithin(otherHttp, client, '/api/v1/persons/search?registryId=X1', 401, 1000)).toBe(401);
  });

  it('a role change applies at once where it was made and in every other process', async () => {
    const { staff, client } = await signedIn('cache.roles', ['records_officer']);
    expect((await getOn(t.http, client, '/api/v1/persons/search?registryId=X1')).status).toBe(200);
    expect((await getOn(otherHttp, client, '/api/v1/persons/search?registryId=X1')).status).toBe(200);
    const res = await admin.send('put', `/api/v1/staff/${staff.id}/roles`, { roles: ['auditor'], reason: 'moved to audit' });
    expect(res.status).toBe(200);
    expect((await getOn(t.http, client, '/api/v1/persons/search?registryId=X1')).status).toBe(403);
    expect(await statusWithin(otherHttp, client, '/api/v1/persons/search?registryId=X1', 403, 1000)).toBe(403);
  });

  it('caches nothing while the change signal is not heard, and listens again', async () => {
    const { staff, client } = await signedIn('cache.deaf', ['helpdesk_agent']);
    expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(200);
    await t.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE application_name = 'tessera-auth-listener' AND datname = current_database()`);
    await new Promise((r) => setTimeout(r, 100));
    await endSessionsUnsignalled(staff.id, 'signed_out', async () => {
      // no signal could reach either process now, yet neither serves the ended session: they read the database
      expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(401);
      expect((await getOn(t.http, client, '/api/v1/auth/me')).status).toBe(401);
    });
    const until = Date.now() + 10_000;
    let listeners = 0;
    while (Date.now() < until && listeners < 2) {
      await new Promise((r) => setTimeout(r, 200));
      [{ n: listeners }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE application_name = 'tessera-auth-listener' AND datname = current_database() AND query LIKE 'LISTEN%'`);
    }
    expect(listeners).toBe(2);
  });

  it('keeps one unbroken audit chain when both processes and transactions write at once', async () => {
    // each process links standalone entries after the head it last saw, in one statement; when another writer has
    // moved the head, the insert is refused whole and re-linked (AuditService.commitStandalone)
    const auditor = (await signedIn('cache.auditor', ['auditor'])).client;
    const count = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.searched'`))[0]!.n;
    const searched0 = await count();
    const results = await Promise.all([
      ...Array.from({ length: 30 }, () => auditor.get('/api/v1/audit-events?pageSize=1')),
      ...Array.from({ length: 30 }, () => getOn(otherHttp, auditor, '/api/v1/audit-events?pageSize=1')),
      ...Array.from({ length: 10 }, (_, i) => admin.post('/api/v1/staff', {
        username: `two.proc.${i}`, displayName: `Two ${i}`, email: `two.${i}@example.org`, roles: ['records_officer'],
      })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(60).fill(200), ...Array(10).fill(201)].sort());
    expect(await count()).toBe(searched0 + 60);
    const [shape] = await t.sql<{ n: number; max: string; links: number }>(`
      SELECT count(*)::int AS n, max(seq)::text AS max,
             (SELECT count(*)::int FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY seq) AS before FROM audit_event) x
               WHERE x.before IS NOT NULL AND x.before <> x.prev_hash) AS links
        FROM audit_event`);
    expect(shape).toEqual({ n: shape!.n, max: String(shape!.n), links: 0 });
    expect((await auditor.post('/api/v1/audit-events/verify')).body).toMatchObject({ intact: true, firstBroken: null });
  });

  it('never brings back a session that ended while a request on it was under way', async () => {
    const { staff, client } = await signedIn('cache.revive', ['helpdesk_agent']);
    expect((await getOn(otherHttp, client, '/api/v1/auth/me')).status).toBe(200);
    // ended behind the cache's back, so `other` still lets the next request through its session check
    await endSessionsUnsignalled(staff.id, 'password_reset');
    const res = await request(otherHttp).post('/api/v1/auth/password')
      .set('Cookie', `tessera_session=${client.cookie('tessera_session')}; XSRF-TOKEN=${client.cookie('XSRF-TOKEN')}`)
      .set('X-XSRF-TOKEN', client.cookie('XSRF-TOKEN')!)
      .send({ currentPassword: staff.password, newPassword: 'a brand new private passphrase' });
    expect(res.status).toBe(401);
    const [row] = await t.sql<{ open: number }>('SELECT count(*)::int AS open FROM staff_session WHERE staff_id = $1 AND ended_at IS NULL', [staff.id]);
    expect(row!.open).toBe(0);
    const [acct] = await t.sql<{ changed: boolean }>('SELECT password_changed_at IS NOT NULL AS changed FROM staff WHERE id = $1', [staff.id]);
    expect(acct!.changed).toBe(false);
  });

  it('links audit entries after the real head even if the table lost its tail', async () => {
    const auditor = (await signedIn('cache.tail', ['auditor'])).client;
    expect((await auditor.get('/api/v1/audit-events?pageSize=1')).status).toBe(200); // t now knows the head
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      // what a restore or a failover that dropped the last commits looks like (triggers off, as a DBA could)
      await c.query('SET session_replication_role = replica');
      await c.query('DELETE FROM audit_event WHERE seq > (SELECT max(seq) - 2 FROM audit_event)');
    } finally {
      await c.end();
    }
    expect((await auditor.get('/api/v1/audit-events?pageSize=1')).status).toBe(200);
    const [shape] = await t.sql<{ n: number; max: string; links: number }>(`
      SELECT count(*)::int AS n, max(seq)::text AS max,
             (SELECT count(*)::int FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY seq) AS before FROM audit_event) x
               WHERE x.before IS NOT NULL AND x.before <> x.prev_hash) AS links
        FROM audit_event`);
    expect(shape).toEqual({ n: shape!.n, max: String(shape!.n), links: 0 });
  });

  it('marks API responses as not to be stored, whatever the letter case, and sends the security headers', async () => {
    const { client } = await signedIn('cache.headers', ['auditor']);
    const res = await client.get('/api/v1/auth/me');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['etag']).toBeUndefined();
    // and the security headers, on API responses as on everything else
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect((await request(t.http).get('/API/V1/AUTH/ME')).headers['cache-control']).toBe('no-store');
  });
});
