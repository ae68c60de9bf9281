import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { AuditEventResponse, Page, ProblemDetails, StaffResponse } from '@tessera/contracts';
import { StaffService } from '../src/staff/staff.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp, type TestStaff } from './harness';

const STAFF_FIELDS = ['username', 'displayName', 'email', 'roles'];

/** A problem document: the right status and media type, and nothing internal in its raw text. */
function expectProblem(res: Response, status: number): ProblemDetails {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.text).not.toMatch(/QueryFailedError|TypeORM|violates|constraint|\bstack\b|\n\s+at |\.[jt]s:\d+/i);
  expect(res.text).not.toMatch(/SELECT |INSERT INTO|UPDATE staff|FROM staff|audit_event/);
  const body = JSON.parse(res.text) as ProblemDetails;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  return body;
}

const fields = (p: ProblemDetails) => (p.errors ?? []).map((e) => e.field);

describe('bad input on the staff, sign-in and audit endpoints', () => {
  let t: TestApp;
  let adminStaff: TestStaff;
  let admin: ApiClient;
  let auditor: ApiClient;
  const staffCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM staff'))[0]!.n;
  const person = (username: string, over: Record<string, unknown> = {}) =>
    ({ username, displayName: `Person ${username}`, email: `${username}@example.org`, roles: ['records_officer'], ...over });

  beforeAll(async () => {
    t = await startTestApp();
    adminStaff = await createEnrolledStaff(t, 'input.admin', ['staff_admin']);
    admin = (await signIn(t, adminStaff)).client;
    auditor = (await signIn(t, await createEnrolledStaff(t, 'input.auditor', ['auditor']))).client;
  });
  afterAll(() => t.close());

  it('refuses unknown fields, naming them, and stores nothing', async () => {
    const sessions = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM staff_session'))[0]!.n;
    const s0 = await sessions();
    const c = new ApiClient(t.http);
    const signInRes = await c.post('/api/v1/auth/sign-in', { username: adminStaff.username, password: adminStaff.password, isAdmin: true });
    expect(fields(expectProblem(signInRes, 400))).toEqual(['isAdmin']);
    expect(signInRes.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^tessera_session=/)]));
    expect(await sessions()).toBe(s0);

    const n0 = await staffCount();
    const res = await admin.post('/api/v1/staff', person('extra.field', { isAdmin: true, status: 'disabled' }));
    expect(fields(expectProblem(res, 400)).sort()).toEqual(['isAdmin', 'status']);
    expect(await staffCount()).toBe(n0);
  });

  it('refuses wrong types with a problem naming the field', async () => {
    const n0 = await staffCount();
    expect(fields(expectProblem(await admin.post('/api/v1/staff', person('wrong.roles', { roles: 'auditor' })), 400))).toContain('roles');
    expect(fields(expectProblem(await admin.post('/api/v1/staff', person('wrong.email', { email: 5 })), 400))).toEqual(['email']);
    expect(fields(expectProblem(await admin.post('/api/v1/staff', person('wrong.name', { displayName: ['a'] })), 400))).toEqual(['displayName']);
    expect(fields(expectProblem(await admin.get('/api/v1/staff?page=abc'), 400))).toEqual(['page']);
    expect(fields(expectProblem(await auditor.get('/api/v1/audit-events?from=yesterday'), 400))).toEqual(['from']);
    expect(await staffCount()).toBe(n0);
  });

  it('names only real fields in `errors` (array rules too)', async () => {
    const unknown: string[] = [];
    for (const roles of ['auditor', ['auditor', 'auditor'], ['root']]) {
      const p = expectProblem(await admin.post('/api/v1/staff', person('array.rules', { roles })), 400);
      expect(p.errors!.length).toBeGreaterThan(0);
      for (const f of fields(p)) if (!STAFF_FIELDS.includes(f)) unknown.push(`roles=${JSON.stringify(roles)} -> field "${f}"`);
    }
    expect(unknown).toEqual([]);
  });

  it('answers a sign-in missing a field with 400 naming it, like any other invalid body', async () => {
    const c = new ApiClient(t.http);
    expect(fields(expectProblem(await c.post('/api/v1/auth/sign-in', { username: 'input.admin' }), 400))).toEqual(['password']);
    expect(fields(expectProblem(await c.post('/api/v1/auth/sign-in', { username: '', password: 'x' }), 400))).toEqual(['username']);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const c = new ApiClient(t.http);
    expectProblem(await c.post('/api/v1/auth/sign-in', '{"username": '), 400);
    expectProblem(await admin.post('/api/v1/staff', '[1, 2,'), 400);
    expect(await staffCount()).toBeGreaterThan(0);
  });

  it('does not echo a malformed body (it may hold a password) in the problem', async () => {
    const bad = await new ApiClient(t.http).post('/api/v1/auth/sign-in', '{"username":"ann","password": hunter2-secret}');
    expectProblem(bad, 400);
    expect(bad.text).not.toContain('hunter2');
    expect(JSON.parse(bad.text)).toMatchObject({ title: 'Malformed JSON', detail: 'The request body is not valid JSON.' });
  });

  it('answers a body over the 1 MB limit with a 413 problem, and reads one just under it', async () => {
    const c = new ApiClient(t.http);
    const huge = await c.post('/api/v1/auth/sign-in', JSON.stringify({ username: 'x', password: 'y', pad: 'a'.repeat(5 * 1024 * 1024) }));
    expect(expectProblem(huge, 413).title).toBe('Request body too large');
    const justOver = await admin.post('/api/v1/staff', JSON.stringify(person('big.one', { displayName: 'a'.repeat(1024 * 1024) })));
    expectProblem(justOver, 413);
    const under = await admin.post('/api/v1/staff', JSON.stringify(person('big.two', { displayName: 'a'.repeat(1000 * 1000) })));
    expect(fields(expectProblem(under, 400))).toEqual(['displayName']); // read, then refused by the 120-character rule
  });

  it('stores and echoes SQL and HTML metacharacters as plain text; searches find nothing for an injection', async () => {
    const nasty = { displayName: `Robert'); DROP TABLE staff;--`, email: `o'hara+x@example.org` };
    const res = await admin.post('/api/v1/staff', person('bobby.tables', nasty));
    expect(res.status).toBe(201);
    const created = (res.body as { staff: StaffResponse }).staff;
    expect(created).toMatchObject(nasty);
    const script = '<script>alert(1)</script>';
    const xss = await admin.post('/api/v1/staff', person('xss.person', { displayName: script }));
    expect(xss.status).toBe(201);
    const fetched = await admin.get(`/api/v1/staff/${xss.body.staff.id}`);
    expect(fetched.headers['content-type']).toMatch(/^application\/json/);
    expect(fetched.text).toContain(JSON.stringify(script).slice(1, -1));
    expect((fetched.body as StaffResponse).displayName).toBe(script);
    const [row] = await t.sql<{ display_name: string; email: string }>('SELECT display_name, email FROM staff WHERE id = $1', [created.id]);
    expect(row).toEqual({ display_name: nasty.displayName, email: nasty.email });

    const reason = `x'); DELETE FROM audit_event; -- <img src=x onerror=alert(1)>`;
    expect((await admin.post(`/api/v1/staff/${created.id}/disable`, { reason })).status).toBe(200);
    const [audit] = await t.sql<{ reason: string }>(`SELECT reason FROM audit_event WHERE action = 'staff.disabled' AND target_id = $1`, [created.id]);
    expect(audit!.reason).toBe(reason);

    const injection = `' OR 1=1 --`;
    for (const param of ['actor', 'targetId', 'targetType']) {
      const page = (await auditor.get(`/api/v1/audit-events?${param}=${encodeURIComponent(injection)}`)).body as Page<AuditEventResponse>;
      expect({ param, total: page.total, items: page.items }).toEqual({ param, total: 0, items: [] });
    }
    for (const q of [injection, '%', '_', `'); DROP`]) {
      const page = (await admin.get(`/api/v1/staff?q=${encodeURIComponent(q)}`)).body as Page<StaffResponse>;
      expect({ q, usernames: page.items.map((s) => s.username) }).toEqual({ q, usernames: q === `'); DROP` ? ['bobby.tables'] : [] });
    }
    const tables = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM staff UNION ALL SELECT count(*)::int FROM audit_event`);
    expect(tables[0]!.n).toBeGreaterThanOrEqual(4);
    expect(tables[1]!.n).toBeGreaterThan(10);
  });

  it('refuses a display name that is only white space with 400, not a database error', async () => {
    const n0 = await staffCount();
    const res = await admin.post('/api/v1/staff', person('blank.name', { displayName: '   ' }));
    expect(fields(expectProblem(res, 400))).toEqual(['displayName']);
    expect(await staffCount()).toBe(n0);
  });

  it('refuses a reason that is only white space with 400, not a server error', async () => {
    const target = (await admin.post('/api/v1/staff', person('blank.reason'))).body.staff as StaffResponse;
    expect(fields(expectProblem(await admin.post(`/api/v1/staff/${target.id}/disable`, { reason: ' \t ' }), 400))).toEqual(['reason']);
    expect((await admin.get(`/api/v1/staff/${target.id}`)).body).toMatchObject({ status: 'active' });
  });

  it('keeps internals out of problem documents (404, 409, 400 on a path parameter)', async () => {
    expectProblem(await admin.get(`/api/v1/staff/${randomUUID()}`), 404);
    expectProblem(await admin.post('/api/v1/staff', person('input.admin')), 409);
    expectProblem(await admin.get('/api/v1/staff/1%20OR%201=1'), 400);
    expectProblem(await admin.send('put', `/api/v1/staff/${randomUUID()}/roles`, { roles: ['auditor'], reason: 'x' }), 404);
  });

  it('answers an unknown API route with 404 when signed in', async () => {
    expect(expectProblem(await admin.get('/api/v1/no-such-thing'), 404).title).toBe('Not found');
    expectProblem(await admin.post('/api/v1/staff/no/such/thing', {}), 404);
  });

  it('answers an unknown API route with 401 when not signed in (no route discovery without a session)', async () => {
    const anon = new ApiClient(t.http);
    expectProblem(await anon.get('/api/v1/no-such-thing'), 401);
    expectProblem(await anon.post('/api/v1/no-such-thing', {}), 401);
  });

  describe('staff rules', () => {
    const activeAdmins = async () =>
      (await t.sql<{ username: string }>(`SELECT username FROM staff WHERE status = 'active' AND 'staff_admin' = ANY(roles) ORDER BY username`)).map((r) => r.username);
    const cli = { staffId: randomUUID(), username: 'cli', roles: [] };

    it('lets nobody change their own roles or disable themselves', async () => {
      const own = await admin.send('put', `/api/v1/staff/${adminStaff.id}/roles`, { roles: ['staff_admin', 'auditor'], reason: 'self-service' });
      expectProblem(own, 403);
      expectProblem(await admin.post(`/api/v1/staff/${adminStaff.id}/disable`, { reason: 'self' }), 403);
      const [row] = await t.sql<{ roles: string[]; status: string }>('SELECT roles, status FROM staff WHERE id = $1', [adminStaff.id]);
      expect(row).toEqual({ roles: ['staff_admin'], status: 'active' });
    });

    it('keeps the last active staff administrator, and allows the change once there is a second', async () => {
      const staff = t.app.get(StaffService);
      expect(await activeAdmins()).toEqual(['input.admin']);
      await expect(staff.setStatus(null, adminStaff.id, 'disabled', 'from the command line')).rejects.toMatchObject({ problem: { status: 409 } });
      await expect(staff.updateRoles(cli, adminStaff.id, { roles: ['auditor'], reason: 'demote' })).rejects.toMatchObject({ problem: { status: 409 } });

      const second = (await admin.post('/api/v1/staff', person('second.admin', { roles: ['staff_admin'] }))).body.staff as StaffResponse;
      expect(await activeAdmins()).toEqual(['input.admin', 'second.admin']);
      expect((await admin.send('put', `/api/v1/staff/${second.id}/roles`, { roles: ['auditor'], reason: 'moved' })).status).toBe(200);
      expect((await admin.send('put', `/api/v1/staff/${second.id}/roles`, { roles: ['staff_admin'], reason: 'back' })).status).toBe(200);
      // the former last administrator can now be demoted (and is then restored)
      expect((await staff.updateRoles(cli, adminStaff.id, { roles: ['auditor'], reason: 'two admins now' })).roles).toEqual(['auditor']);
      expect(await activeAdmins()).toEqual(['second.admin']);
      await staff.updateRoles(cli, adminStaff.id, { roles: ['staff_admin'], reason: 'restored' });
      expect((await admin.post(`/api/v1/staff/${second.id}/disable`, { reason: 'leaves' })).status).toBe(200);
      expect(await activeAdmins()).toEqual(['input.admin']);
      await expect(staff.setStatus(null, adminStaff.id, 'disabled', 'again')).rejects.toMatchObject({ problem: { status: 409 } });
    });

    it('keeps the audit log from a staff administrator who is not an auditor', async () => {
      expect((await admin.get('/api/v1/auth/me')).status).toBe(200);
      expectProblem(await admin.get('/api/v1/audit-events'), 403);
      expectProblem(await admin.get('/api/v1/audit-events/export?format=csv'), 403);
      expectProblem(await admin.post('/api/v1/audit-events/verify'), 403);
    });

    it('lets only one of two administrators disabling each other at once succeed', async () => {
      const other = await createEnrolledStaff(t, 'rival.admin', ['staff_admin']);
      const rival = (await signIn(t, other)).client;
      const results = await Promise.all([
        admin.post(`/api/v1/staff/${other.id}/disable`, { reason: 'race' }),
        rival.post(`/api/v1/staff/${adminStaff.id}/disable`, { reason: 'race' }),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      expect(await activeAdmins()).toHaveLength(1);
    });
  });
});
