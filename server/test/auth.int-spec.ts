import type { MeResponse, MfaEnrolledResponse, MfaEnrolmentResponse } from '@tessera/contracts';
import { totpCode } from '../src/auth/totp';
import { BootstrapService } from '../src/staff/bootstrap.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';

describe('sign-in, MFA and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('walks the first administrator from the one-time password to an active session', async () => {
    const first = (await t.app.get(BootstrapService).ensureFirstAdmin())!;
    expect(first.username).toBe('admin');
    expect(await t.app.get(BootstrapService).ensureFirstAdmin()).toBeNull();
    const c = new ApiClient(t.http);

    let res = await c.post('/api/v1/auth/sign-in', { username: 'admin', password: first.oneTimePassword });
    expect(res.status).toBe(200);
    expect((res.body as MeResponse).stage).toBe('password_change');
    expect((res.body as MeResponse).permissions).toEqual([]);
    const cookie = res.headers['set-cookie'] as unknown as string[];
    expect(cookie.find((x) => x.startsWith('tessera_session='))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);

    // nothing else is reachable before MFA enrolment
    expect((await c.get('/api/v1/staff')).status).toBe(403);

    res = await c.post('/api/v1/auth/password', { currentPassword: first.oneTimePassword, newPassword: 'password1234' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/commonly used/);
    res = await c.post('/api/v1/auth/password', { currentPassword: first.oneTimePassword, newPassword: 'a long and private passphrase' });
    expect(res.status).toBe(200);
    expect((res.body as MeResponse).stage).toBe('mfa_enrolment');

    res = await c.post('/api/v1/auth/mfa-enrolment');
    expect(res.status).toBe(200);
    const enrol = res.body as MfaEnrolmentResponse;
    expect(enrol.otpauthUri).toContain(enrol.secret);
    expect(enrol.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    res = await c.post('/api/v1/auth/mfa-enrolment/confirm', { code: totpCode(enrol.secret, Date.now()) });
    expect(res.status).toBe(200);
    const enrolled = res.body as MfaEnrolledResponse;
    expect(enrolled.me.stage).toBe('active');
    expect(enrolled.me.roles).toEqual(['key_admin', 'staff_admin']);
    expect(enrolled.me.permissions).toContain('staff:create');
    expect(enrolled.me.permissions).not.toContain('audit:read');
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect((await c.get('/api/v1/staff')).status).toBe(200);

    const [row] = await t.sql<{ mfa_secret: Buffer }>(`SELECT mfa_secret FROM staff WHERE username = 'admin'`);
    expect(row!.mfa_secret.toString('latin1')).not.toContain(enrol.secret);

    // a new sign-in: the TOTP code just used for enrolment is refused (replay), a recovery code works once
    const c2 = new ApiClient(t.http);
    res = await c2.post('/api/v1/auth/sign-in', { username: 'admin', password: 'a long and private passphrase' });
    expect((res.body as MeResponse).stage).toBe('mfa');
    const used = await c2.post('/api/v1/auth/mfa', { code: totpCode(enrol.secret, Date.now()) });
    expect(used.status).toBe(401);
    res = await c2.post('/api/v1/auth/mfa', { recoveryCode: enrolled.recoveryCodes[0] });
    expect(res.status).toBe(200);
    expect((res.body as MeResponse).stage).toBe('active');
    const c3 = new ApiClient(t.http);
    await c3.post('/api/v1/auth/sign-in', { username: 'admin', password: 'a long and private passphrase' });
    expect((await c3.post('/api/v1/auth/mfa', { recoveryCode: enrolled.recoveryCodes[0] })).status).toBe(401);

    const actions = await t.sql<{ action: string }>(`SELECT action FROM audit_event ORDER BY seq`);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining([
      'staff.created', 'auth.signed_in', 'auth.password_changed', 'auth.mfa_enrolment_started', 'auth.mfa_enrolled',
      'auth.mfa_failed', 'auth.recovery_code_used',
    ]));
  });

  it('refuses a state change without the CSRF token, and audits the denial', async () => {
    const staff = await createEnrolledStaff(t, 'csrf.user', ['auditor']);
    const { client } = await signIn(t, staff);
    const res = await client.post('/api/v1/audit-events/verify', undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const [denial] = await t.sql<{ details: { why: string } }>(`SELECT details FROM audit_event WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1`);
    expect(denial!.details.why).toBe('csrf');
    expect((await client.post('/api/v1/audit-events/verify')).status).toBe(200);
  });

  it('throttles repeated failures with a growing delay, audits the lockout, and does not lock out for good', async () => {
    const staff = await createEnrolledStaff(t, 'throttled', ['helpdesk_agent']);
    const c = new ApiClient(t.http);
    for (let i = 0; i < 5; i++) {
      expect((await c.post('/api/v1/auth/sign-in', { username: 'throttled', password: 'wrong password here' })).status).toBe(401);
    }
    const blocked = await c.post('/api/v1/auth/sign-in', { username: 'throttled', password: staff.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const events = await t.sql<{ action: string }>(`SELECT action FROM audit_event WHERE actor_username = 'throttled' ORDER BY seq`);
    expect(events.filter((e) => e.action === 'auth.sign_in_failed')).toHaveLength(5);
    expect(events.map((e) => e.action)).toContain('auth.locked_out');
    expect(events.map((e) => e.action)).toContain('auth.sign_in_throttled');
    // once the delay has passed, the right password works again
    await t.sql(`UPDATE sign_in_throttle SET blocked_until = now() - interval '1 second' WHERE key = 'account:throttled'`);
    expect((await c.post('/api/v1/auth/sign-in', { username: 'throttled', password: staff.password })).status).toBe(200);
  });

  it('ends idle sessions, lists and ends own sessions, and signs out', async () => {
    const staff = await createEnrolledStaff(t, 'sessions.user', ['records_officer']);
    const a = await signIn(t, staff);
    const b = await signIn(t, staff);
    const list = await a.client.get('/api/v1/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const other = (list.body as { id: string; current: boolean }[]).find((s) => !s.current)!;
    expect((await a.client.send('delete', `/api/v1/sessions/${other.id}`)).status).toBe(204);
    expect((await b.client.get('/api/v1/auth/me')).status).toBe(401);

    await t.sql(`UPDATE staff_session SET last_seen_at = now() - interval '31 minutes' WHERE staff_id = $1 AND ended_at IS NULL`, [staff.id]);
    expect((await a.client.get('/api/v1/auth/me')).status).toBe(401);
    const [ended] = await t.sql<{ end_reason: string }>(`SELECT end_reason FROM staff_session WHERE staff_id = $1 ORDER BY created_at LIMIT 1`, [staff.id]);
    expect(ended!.end_reason).toBe('idle_timeout');

    const c = await signIn(t, staff);
    expect((await c.client.post('/api/v1/auth/sign-out')).status).toBe(204);
    expect((await c.client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('ends every session of an account at once when it is disabled', async () => {
    const admin = await createEnrolledStaff(t, 'staff.admin2', ['staff_admin']);
    const target = await createEnrolledStaff(t, 'to.disable', ['helpdesk_agent']);
    const { client: adminClient } = await signIn(t, admin);
    const { client: targetClient } = await signIn(t, target);
    expect((await targetClient.get('/api/v1/auth/me')).status).toBe(200);
    const res = await adminClient.post(`/api/v1/staff/${target.id}/disable`, { reason: 'left the department' });
    expect(res.status).toBe(200);
    expect((await targetClient.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new ApiClient(t.http).post('/api/v1/auth/sign-in', { username: 'to.disable', password: target.password })).status).toBe(401);
  });
});
