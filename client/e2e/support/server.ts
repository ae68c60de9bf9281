import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export const WORKSPACE = resolve(__dirname, '../../..');
export const STATE_VAR = 'TESSERA_E2E_STATE';

export interface E2eState {
  baseUrl: string;
  adminUsername: string;
  adminPassword: string;
  pid: number;
  dataDir: string;
  databaseUrl: string | null;
  adminDbUrl: string | null;
  dbName: string | null;
  /** The server's database (DATABASE_URL or the embedded one), for helpers that run the command line beside it. */
  pgUrl?: string;
  /** A seeded resident to search for. */
  demoPerson: { id: string; given: string; family: string; birthDate: string; immunizations: number };
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * Starts the built server (dist/server/main.js, serving dist/client) on a free port with a fresh database:
 * a new database on DATABASE_URL's server when set, else its own embedded PostgreSQL in a temporary folder.
 * Reads the first administrator's one-time password from its terminal output, as a person would.
 */
export async function startServer(): Promise<{ state: E2eState; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  chmodSync(dataDir, 0o755);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>), PORT: String(port), TESSERA_DATA_DIR: dataDir, NODE_ENV: 'development',
    TESSERA_EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn', TESSERA_DEMO_SEED: '2000',
  };
  let adminDbUrl: string | null = null;
  let dbName: string | null = null;
  if (process.env['DATABASE_URL']) {
    adminDbUrl = process.env['DATABASE_URL'];
    dbName = `tessera_e2e_${process.pid}`;
    const c = new Client({ connectionString: adminDbUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(adminDbUrl);
    u.pathname = `/${dbName}`;
    env['DATABASE_URL'] = u.toString();
  } else {
    delete env['DATABASE_URL'];
  }
  const child = spawn(process.execPath, [join(WORKSPACE, 'dist/server/main.js')], { cwd: WORKSPACE, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 90_000;
  let password: RegExpExecArray | null = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    password = /one-time password:\s+(\S+)/.exec(output);
    if (password && /Tessera console and API on/.test(output)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!password) {
    child.kill('SIGKILL');
    throw new Error(`server did not print the first administrator's password in time:\n${output}`);
  }
  const baseUrl = `http://localhost:${port}`;
  const status = await new Promise<number>((res, rej) => {
    get(`${baseUrl}/readyz`, { agent: false }, (r) => {
      r.resume();
      res(r.statusCode ?? 0);
    }).on('error', rej);
  });
  if (status !== 200) throw new Error(`/readyz answered ${status}`);
  const dbUrl = env['DATABASE_URL'] ?? `postgres://postgres:tessera-embedded@127.0.0.1:${env['TESSERA_EMBEDDED_PG_PORT']}/tessera`;
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const picked = await c.query<{ id: string; given: string; family: string; birth_date: string; n: number }>(
    `SELECT p.id, split_part(p.given_names, ' ', 1) AS given, p.family_name AS family, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
            (SELECT count(*)::int FROM immunization i WHERE i.person_id = p.id) AS n
       FROM person p WHERE p.family_name ~ '^[A-Za-z]{6,}$' AND p.given_names ~ '^[A-Za-z]+' AND NOT p.deceased
      ORDER BY (SELECT count(*) FROM immunization i WHERE i.person_id = p.id) DESC, p.registry_id LIMIT 1`);
  await c.end();
  const row = picked.rows[0];
  if (!row) throw new Error('the demo seed left no resident to search for');
  return {
    child,
    state: {
      baseUrl, adminUsername: /user name:\s+(\S+)/.exec(output)?.[1] ?? 'admin', adminPassword: password[1]!, pid: child.pid!,
      dataDir, databaseUrl: env['DATABASE_URL'] ?? null, adminDbUrl, dbName, pgUrl: dbUrl,
      demoPerson: { id: row.id, given: row.given, family: row.family, birthDate: row.birth_date, immunizations: row.n },
    },
  };
}
