import type { ExecutionContext } from '@nestjs/common';
import { PERMISSIONS, permissionsOf, ROLES, SESSION_STAGES, type Role } from '@tessera/contracts';
import type { Response } from 'supertest';
import { PermissionGuard } from '../src/auth/permission.guard';
import { SessionGuard } from '../src/auth/session.guard';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp, type TestStaff } from './harness';
import { concretePath, declarationsOf, discoverRoutes, label, type DiscoveredRoute, type RouteDiscovery } from './routes';

/**
 * Express routes that deliberately bypass Nest (and so the global guards). Kept explicit so that a new one fails
 * the test until someone decides it may be public. The test also fails if an entry here no longer exists.
 */
const OUTSIDE_NEST_PUBLIC = ['GET /api/docs'];

type Verdict = 'pass' | 'deny';

describe('default deny: every route is declared and enforced', () => {
  let t: TestApp;
  let found: RouteDiscovery;
  const verdicts: { session?: Verdict; permission?: Verdict } = {};
  const users = new Map<Role, { staff: TestStaff; client: ApiClient }>();

  /** Records whether each global guard let the last request through. */
  function watch(guard: { canActivate(ctx: ExecutionContext): Promise<boolean> }, key: 'session' | 'permission') {
    const original = guard.canActivate.bind(guard);
    jest.spyOn(guard, 'canActivate').mockImplementation(async (ctx) => {
      try {
        const ok = await original(ctx);
        verdicts[key] = ok ? 'pass' : 'deny';
        return ok;
      } catch (err) {
        verdicts[key] = 'deny';
        throw err;
      }
    });
  }

  /** The method actually sent: an @All() route is probed with GET. */
  const sent = (r: DiscoveredRoute) => (r.method === '*' ? 'GET' : r.method);

  async function call(client: ApiClient, r: DiscoveredRoute): Promise<Response> {
    delete verdicts.session;
    delete verdicts.permission;
    const path = concretePath(r.path);
    const method = sent(r).toLowerCase();
    if (method === 'get') return client.get(path);
    return client.send(method as 'post' | 'put' | 'patch' | 'delete', path, {});
  }

  const deniedRows = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'access.denied'`))[0]!.n;

  /** Sign-out ends the session used for the other checks: run it last. */
  const ordered = () => [...found.routes].sort((a, b) => Number(/sign-out$/.test(a.path)) - Number(/sign-out$/.test(b.path)));

  beforeAll(async () => {
    t = await startTestApp();
    found = discoverRoutes(t.app);
    watch(t.app.get(SessionGuard), 'session');
    watch(t.app.get(PermissionGuard), 'permission');
    for (const role of ROLES) {
      const staff = await createEnrolledStaff(t, `route.${role.replace(/_/g, '-')}`, [role]);
      users.set(role, { staff, client: (await signIn(t, staff)).client });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('discovers the routes at run time, each mapped to its Nest handler', () => {
    const labels = found.routes.map(label);
    expect(found.routes.length).toBeGreaterThanOrEqual(10);
    expect(labels).toEqual(expect.arrayContaining([
      'GET /api/v1/staff', 'POST /api/v1/staff', 'PUT /api/v1/staff/:id/roles', 'POST /api/v1/auth/sign-in',
      'GET /api/v1/audit-events', 'DELETE /api/v1/sessions/:id', 'GET /healthz',
    ]));
    expect(new Set(labels).size).toBe(labels.length);
    expect(found.unregistered).toEqual([]);
    expect(found.outsideNest.map(label).sort()).toEqual([...OUTSIDE_NEST_PUBLIC].sort());
  });

  it('gives every route exactly one declaration: public, a sign-in step, or permissions from the catalogue', () => {
    const offenders: string[] = [];
    for (const r of found.routes) {
      const d = declarationsOf(r);
      if (d.length !== 1) offenders.push(`${label(r)} (${r.handler}) declares ${d.length === 0 ? 'nothing' : d.join(' and ')}`);
      for (const p of r.permissions ?? []) if (!(PERMISSIONS as readonly string[]).includes(p)) offenders.push(`${label(r)}: unknown permission ${p}`);
      for (const s of r.stages ?? []) if (!(SESSION_STAGES as readonly string[]).includes(s)) offenders.push(`${label(r)}: unknown stage ${s}`);
    }
    expect(offenders).toEqual([]);
    expect(found.routes.filter((r) => r.isPublic).length).toBeGreaterThan(0);
    expect(found.routes.filter((r) => r.permissions?.length).length).toBeGreaterThan(found.routes.filter((r) => r.isPublic).length);
  });

  it('without a session: public routes pass the guards, every other route answers 401', async () => {
    const anon = new ApiClient(t.http);
    const wrong: string[] = [];
    for (const r of ordered()) {
      const res = await call(anon, r);
      if (r.isPublic) {
        if (verdicts.session !== 'pass' || verdicts.permission !== 'pass' || res.status === 403) {
          wrong.push(`${label(r)}: public but answered ${res.status} (guards: ${verdicts.session}/${verdicts.permission})`);
        }
      } else if (res.status !== 401 || verdicts.session !== 'deny' || !/application\/problem\+json/.test(String(res.headers['content-type']))) {
        wrong.push(`${label(r)}: answered ${res.status} without a session`);
      }
    }
    expect(wrong).toEqual([]);
    for (const extra of OUTSIDE_NEST_PUBLIC) {
      const [method, path] = extra.split(' ');
      expect(method).toBe('GET'); // nothing that changes state may live outside the guards
      expect((await anon.get(path!)).status).toBe(200);
    }
  });

  it.each([...ROLES])('as %s: a route the roles do not grant answers 403 and is audited; a granted one passes', async (role) => {
    const { staff, client } = users.get(role)!;
    const granted = new Set<string>(permissionsOf([role]));
    const wrong: string[] = [];
    let denied = 0;
    let allowed = 0;
    for (const r of ordered()) {
      const before = await deniedRows();
      const res = await call(client, r);
      const expectDenied = r.isPublic ? false
        : r.stages ? !r.stages.includes('active')
          : !(r.permissions ?? []).every((p) => granted.has(p)) || (r.permissions ?? []).length === 0;
      const after = await deniedRows();
      if (expectDenied) {
        denied++;
        const [row] = await t.sql<{ target_id: string; actor_username: string; outcome: string; details: { why: string } }>(
          `SELECT target_id, actor_username, outcome, details FROM audit_event WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1`,
        );
        const why = r.stages ? 'stage:active' : 'missing_permission';
        if (res.status !== 403) wrong.push(`${label(r)}: expected 403, got ${res.status}`);
        if (after !== before + 1) wrong.push(`${label(r)}: expected one new access.denied row, got ${after - before}`);
        else if (row?.target_id !== `${sent(r)} ${r.path}` || row.actor_username !== staff.username || row.outcome !== 'denied' || row.details.why !== why) {
          wrong.push(`${label(r)}: access.denied row names ${JSON.stringify(row)}`);
        }
      } else {
        allowed++;
        if (verdicts.session !== 'pass' || verdicts.permission !== 'pass') wrong.push(`${label(r)}: guards said ${verdicts.session}/${verdicts.permission}`);
        if (!r.isPublic && (res.status === 401 || res.status === 403)) wrong.push(`${label(r)}: granted but answered ${res.status}`);
        if (after !== before) wrong.push(`${label(r)}: granted but audited as denied`);
      }
    }
    expect(wrong).toEqual([]);
    expect(denied).toBeGreaterThan(0);
    expect(allowed).toBeGreaterThan(2);
    // the last route run was sign-out: the session is gone now
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('agrees with the permission map: an auditor reads the audit log, a staff administrator does not', () => {
    const rows = found.routes.filter((r) => r.path === '/api/v1/audit-events' && r.method === 'GET');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.permissions).toEqual(['audit:read']);
    expect(permissionsOf(['auditor'])).toContain('audit:read');
    expect(permissionsOf(['staff_admin'])).not.toContain('audit:read');
  });
});
