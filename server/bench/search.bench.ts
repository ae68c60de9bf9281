import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { parseSearch, TypedName, typedSurnameTokens } from '@tessera/registry-core';
import { hashPassword } from '../src/auth/password-hasher';
import { totpCode } from '../src/auth/totp';
import { loadConfig } from '../src/config/app-config';
import { Envelope } from '../src/crypto/envelope';
import { resolveDatabase } from '../src/database/database-url';
import { ensureDatabase } from '../src/database/embedded-postgres';
import { migrate } from '../src/database/migrate';
import { PersonSearchRepository, type CandidateQuery } from '../src/registry/person-search.repository';
import { BROAD_WITHOUT_GIVEN } from '../src/registry/person-search.service';
import { seedResidents } from '../src/registry/seed/seed-residents';
import { LeanHttpClient } from './lean-http';
import { cpuTimes, ms, runConcurrent, summarize, type Summary } from './stats';

/**
 * npm run bench:search — seeds (or reuses) BENCH_PERSONS residents (default 3,000,000) in the database
 * `tessera_bench`, starts the built server against it, signs in, and measures each query type through the HTTP
 * API with 8 concurrent clients, beside the same candidate SQL run directly on PostgreSQL; plus recall.
 */
const PERSONS = Number(process.env['BENCH_PERSONS'] ?? 3_000_000);
const PER_TYPE = Number(process.env['BENCH_QUERIES'] ?? 1000);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 15);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const TARGETS = { anchored: 10, surname: 60 } as const;

interface Sample { id: string; given: string; family: string; birth_date: string; phone: string | null; email: string | null; registry_id: string; surname_persons: number }
interface BenchQuery { params: Record<string, string>; expect: string | null }

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase(config, () => undefined);
  const adminUrl = config.databaseUrl ?? db.embedded!.url;
  const url = await ensureDatabase(adminUrl, 'tessera_bench');
  await migrate(url);
  const t0 = Date.now();
  const seeded = await seedResidents(url, { persons: PERSONS, seed: 42, log: (m) => console.log(m) });
  console.log(seeded.reused ? `Reusing ${PERSONS.toLocaleString('en-US')} seeded residents.`
    : `Seeded ${seeded.inserted.toLocaleString('en-US')} residents + ${seeded.immunizations.toLocaleString('en-US')} immunizations in ${((Date.now() - t0) / 1000).toFixed(0)} s (load ${seeded.seconds.load.toFixed(0)} s, indexes ${seeded.seconds.indexes.toFixed(0)} s)`);

  const pool = new Pool({ connectionString: url, max: CONCURRENCY + 2 });
  const masterKey = randomBytes(32);
  const { password, secret } = await benchUser(pool, masterKey);
  const samples = (await pool.query<Sample>(`
    SELECT p.id, split_part(p.given_names, ' ', 1) AS given, p.family_name AS family, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
           p.phones[1] AS phone, p.emails[1] AS email, p.registry_id,
           coalesce((SELECT s.persons FROM surname s WHERE s.name_key = p.family_norm), 0) AS surname_persons
      FROM person p TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE NOT p.deceased LIMIT ${PER_TYPE * 4}`)).rows;

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  chmodSync(dataDir, 0o755);
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, resolve(__dirname, 'main.js')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), TESSERA_MASTER_KEY: masterKey.toString('base64'), TESSERA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TESSERA_DEMO_SEED: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base);
    const cookie = await signIn(base, password, secret);
    // The same statements as the server, prepared the same way (src/database/prepared.ts), on a plain pg pool.
    const repo = new PersonSearchRepository({ driver: { master: pool } } as unknown as DataSource);

    const types: { name: string; target: number; queries: BenchQuery[] }[] = [
      { name: 'birth date + misspelt name', target: TARGETS.anchored, queries: samples.slice(0, PER_TYPE).map((s, i) => ({ params: { q: `${typo(s.given, i)} ${typo(s.family, i + 1)} ${usDate(s.birth_date)}` }, expect: s.id })) },
      { name: 'exact phone', target: TARGETS.anchored, queries: samples.filter((s) => s.phone).slice(0, PER_TYPE).map((s) => ({ params: { phone: usPhone(s.phone!) }, expect: s.id })) },
      { name: 'exact email', target: TARGETS.anchored, queries: samples.filter((s) => s.email).slice(0, PER_TYPE).map((s) => ({ params: { email: s.email!.toUpperCase() }, expect: s.id })) },
      { name: 'registry id', target: TARGETS.anchored, queries: samples.slice(0, PER_TYPE).map((s) => ({ params: { registryId: s.registry_id }, expect: s.id })) },
      { name: 'surname only, with a typo', target: TARGETS.surname, queries: samples.filter((s) => s.surname_persons > 0 && s.surname_persons <= BROAD_WITHOUT_GIVEN && s.family.length >= 5).slice(0, PER_TYPE).map((s, i) => ({ params: { q: typo(s.family, i) }, expect: null })) },
      { name: 'common surname (Smith)', target: TARGETS.surname, queries: Array.from({ length: Math.min(PER_TYPE, 100) }, () => ({ params: { q: 'Smith' }, expect: null })) },
    ];

    // Warm-up of the whole server (V8 compiles its hot paths over the first thousands of requests; a server in
    // service is warm): WARMUP_SECONDS of mixed queries of every type, not counted.
    const mixed = types.flatMap((t) => t.queries.slice(0, 50));
    const warmUntil = Date.now() + WARMUP_SECONDS * 1000;
    let warmed = 0;
    while (Date.now() < warmUntil) {
      await runConcurrent(mixed, CONCURRENCY, async (bq) => {
        await get(port, `/api/v1/persons/search?${new URLSearchParams(bq.params).toString()}`, cookie);
        warmed++;
      });
    }
    console.log(`Warm-up: ${warmed.toLocaleString('en-US')} mixed searches in ${WARMUP_SECONDS} s (not counted).`);

    console.log(`\nPerson search on ${PERSONS.toLocaleString('en-US')} residents, ${CONCURRENCY} concurrent clients (ms)`);
    console.log('query type                    |    n | API p50 | API p95 | API p99 | SQL p50 | SQL p95 | SQL p99 | p95 API/SQL | target p95 | recall top-3 | CPU/req server+PG | statuses');
    // CPU time per request during the API run: the server process, and all PostgreSQL processes (ms).
    const cpuPerRequest = (before: ReturnType<typeof cpuTimes>, n: number) => {
      const after = cpuTimes(server.pid);
      return before && after ? `${((after.server - before.server) / n).toFixed(2)}+${((after.postgres - before.postgres) / n).toFixed(2)}`.padStart(17) : '-'.padStart(17);
    };
    // The floor under every API figure: session check, guards, JSON; no search SQL and no audit entry.
    await runConcurrent(Array.from({ length: 200 }, () => null), CONCURRENCY, async () => void (await get(port, '/api/v1/auth/me', cookie)));
    const floorCpu = cpuTimes(server.pid);
    const floor = summarize(await runConcurrent(Array.from({ length: PER_TYPE }, () => null), CONCURRENCY, async () => {
      const res = await get(port, '/api/v1/auth/me', cookie);
      if (res.status !== 200) throw new Error(`GET /auth/me answered ${res.status}`);
    }));
    console.log(`${'(floor: GET /auth/me)'.padEnd(29)} | ${String(floor.n).padStart(4)} | ${row(floor)} |       - |       - |       - |           - |          - |            - | ${cpuPerRequest(floorCpu, floor.n)} | 200:${floor.n}`);
    const only = process.env['BENCH_ONLY'];
    for (const t of types.filter((x) => !only || x.name.includes(only))) {
      const statuses = new Map<number, number>();
      let hits = 0, expected = 0;
      // Warm-up (JIT, plan and buffer caches), not counted: the first quarter of the queries once.
      await runConcurrent(t.queries.slice(0, Math.ceil(t.queries.length / 4)), CONCURRENCY, async (bq) => {
        await get(port, `/api/v1/persons/search?${new URLSearchParams(bq.params).toString()}`, cookie);
        await directSql(repo, bq.params);
      });
      const apiCpu = cpuTimes(server.pid);
      const api = await runConcurrent(t.queries, CONCURRENCY, async (bq) => {
        const res = await get(port, `/api/v1/persons/search?${new URLSearchParams(bq.params).toString()}`, cookie);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = JSON.parse(res.body) as { items?: { id: string }[] };
        if (bq.expect) {
          expected++;
          if (body.items?.slice(0, 3).some((h) => h.id === bq.expect)) hits++;
        }
      });
      const apiCpuPerRequest = cpuPerRequest(apiCpu, t.queries.length);
      const sql = await runConcurrent(t.queries, CONCURRENCY, async (bq) => {
        await directSql(repo, bq.params);
      });
      const a = summarize(api), s = summarize(sql);
      const recall = expected ? `${((hits / expected) * 100).toFixed(1)} %` : '-';
      console.log(`${t.name.padEnd(29)} | ${String(a.n).padStart(4)} | ${row(a)} | ${row(s)} | ${(a.p95 / s.p95).toFixed(1).padStart(11)} | ${(`<= ${t.target}` + (a.p95 <= t.target ? ' ok' : ' MISS')).padStart(10)} | ${recall.padStart(12)} | ${apiCpuPerRequest} | ${[...statuses].map(([k, v]) => `${k}:${v}`).join(' ')}`);
    }
  } finally {
    lean?.close();
    server.kill('SIGTERM');
    await pool.end();
    rmSync(dataDir, { recursive: true, force: true });
    if (db.embedded) await db.embedded.stop();
  }
}

/** Keep-alive GETs with the lean client (bench/lean-http.ts); BENCH_HTTP_CLIENT=node uses node:http instead, to compare. */
let lean: LeanHttpClient | null = null;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(port: number, path: string, cookie: string): Promise<{ status: number; body: string }> {
  if (process.env['BENCH_HTTP_CLIENT'] !== 'node') return (lean ??= new LeanHttpClient(port, cookie)).get(path);
  return new Promise((resolveGet, rejectGet) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', rejectGet);
    req.end();
  });
}

function row(s: Summary): string {
  return [s.p50, s.p95, s.p99].map((v) => ms(v).padStart(7)).join(' | ');
}

/** The candidate query the service would run, straight on PostgreSQL (no HTTP, no name similarities or scoring, no audit). */
async function directSql(repo: PersonSearchRepository, params: Record<string, string>): Promise<void> {
  const c = parseSearch(params);
  const q: CandidateQuery = { family: c.family, given: c.given, birthDate: c.birthDate, birthDateSwapped: c.birthDateSwapped, phone: c.phone, email: c.email, registryId: c.registryId };
  if (c.registryId) await repo.byRegistryId(q);
  else if (c.phone) await repo.byPhone(q);
  else if (c.email) await repo.byEmail(q);
  else if (c.birthDate) await repo.byBirthDate(q, c.family || c.given ? new TypedName(c.family, c.given).allWords() : null);
  else if (c.family) {
    const similar = await Promise.all(typedSurnameTokens(c.family).map((t) => repo.similarSurnames(t)));
    const n = Math.min(...similar.map((s) => s.reduce((a, x) => a + x.persons, 0)));
    if (n <= BROAD_WITHOUT_GIVEN && similar.every((s) => s.length > 0)) await repo.bySurnames(q, similar);
  }
}

/** A deterministic typing mistake: swap two inner letters, drop one, or change one. */
function typo(word: string, i: number): string {
  if (word.length < 4) return word;
  const p = 1 + (i % (word.length - 2));
  switch (i % 3) {
    case 0: return word.slice(0, p) + word[p + 1] + word[p] + word.slice(p + 2);
    case 1: return word.slice(0, p) + word.slice(p + 1);
    default: return word.slice(0, p) + (word[p] === 'e' ? 'a' : 'e') + word.slice(p + 1);
  }
}

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const usPhone = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

async function benchUser(pool: Pool, masterKey: Buffer): Promise<{ password: string; secret: string }> {
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const existing = await pool.query<{ id: string }>(`SELECT id FROM staff WHERE username = 'bench.searcher'`);
  const id = existing.rows[0]?.id ?? (await pool.query<{ id: string }>(
    `INSERT INTO staff (username, display_name, email, roles, password_hash) VALUES ('bench.searcher', 'Search benchmark', 'bench@localhost', '{records_officer}', 'x') RETURNING id`)).rows[0]!.id;
  const sealed = new Envelope(masterKey).seal(Buffer.from(secret), `staff.mfa_secret:${id}`);
  await pool.query(`UPDATE staff SET password_hash = $2, must_change_password = false, mfa_secret = $3, mfa_enrolled_at = now(), totp_last_step = NULL, status = 'active' WHERE id = $1`,
    [id, await hashPassword(password), sealed]);
  await pool.query(`DELETE FROM sign_in_throttle`);
  return { password, secret };
}

async function signIn(base: string, password: string, secret: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v ?? '');
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  keep(await fetch(`${base}/healthz`));
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: header(), 'x-xsrf-token': jar.get('XSRF-TOKEN') ?? '' }, body: JSON.stringify(body) });
    keep(res);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  };
  await post('/api/v1/auth/sign-in', { username: 'bench.searcher', password });
  await post('/api/v1/auth/mfa', { code: totpCode(secret, Date.now()) });
  return header();
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become ready');
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

main().catch((err: Error) => {
  console.error(`bench:search failed: ${err.message}`);
  process.exit(1);
});
