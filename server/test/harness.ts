import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { __resetOutOfContextForTests as resetPinoOutOfContext } from 'nestjs-pino/PinoLogger';
import type { MeResponse, Role } from '@tessera/contracts';
import { totpCode } from '../src/auth/totp';
import { createApp } from '../src/bootstrap-app';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { Envelope } from '../src/crypto/envelope';
import { StaffService } from '../src/staff/staff.service';
import { findKeyMaterial, keyMaterialOf } from './key-material';
import { adminQuery, TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR, withDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: Server;
  config: AppConfig;
  databaseUrl: string;
  /** Runs SQL as the database superuser (bypasses nothing by itself). */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Every response an ApiClient on this app received (status, headers, body), in order. */
  responses: RecordedResponse[];
  /** The structured log written so far (with `captureLogs`; else empty). */
  logs(): string;
  /** With `listen`: where the app listens, e.g. http://127.0.0.1:41234. */
  baseUrl: string | undefined;
  /**
   * Closes the app and drops its database. First scans every recorded response and the captured log for the private
   * key material of the issuer keys in the database; throws (after cleaning up) naming what leaked where.
   */
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Listen on a free local port and, unless `env` names one, set TESSERA_ISSUER_URL to http://127.0.0.1:<port>/issuer,
   * so the activation gate can fetch the published key set from the app itself.
   */
  listen?: boolean;
  /** Write the structured log to memory (`logs()`) at LOG_LEVEL (default here: trace) instead of discarding it. */
  captureLogs?: boolean;
}

export interface RecordedResponse {
  request: string;
  status: number;
  headers: Record<string, unknown>;
  text: string | undefined;
  body: Buffer | undefined;
}

/** Responses recorded per HTTP server (one per test app), for the private-key scan. */
const transcripts = new WeakMap<Server, RecordedResponse[]>();

/** A local TCP port nobody listens on (just now). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A fresh database cloned from the migrated template, and the whole HTTP app on it. */
export async function startTestApp(env: Record<string, string> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (!adminUrl || !template) throw new Error('integration tests need the global setup (server/test/global-setup.ts)');
  const name = `tessera_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const databaseUrl = withDatabase(adminUrl, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-test-data-'));
  const port = opts.listen ? await freePort() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: databaseUrl, TESSERA_DATA_DIR: dataDir, LOG_LEVEL: opts.captureLogs ? 'trace' : 'silent',
    TESSERA_MASTER_KEY: randomBytes(32).toString('base64'), TESSERA_CLIENT_DIR: join(dataDir, 'no-client'),
    ...(port !== undefined ? { TESSERA_ISSUER_URL: `http://127.0.0.1:${port}/issuer` } : {}), ...env,
  });
  const logChunks: Buffer[] = [];
  const logStream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      logChunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  // nestjs-pino keeps its first out-of-request logger for the whole process: start afresh, or this app's log would
  // go to an earlier app's stream
  if (opts.captureLogs) resetPinoOutOfContext();
  const app = await createApp(config, databaseUrl, opts.captureLogs ? { logStream } : { logger: false });
  if (port !== undefined) await app.listen(port, '127.0.0.1');
  else await app.init();
  // bufferLogs holds Nest's log lines until flushed (listen does it, init does not)
  if (opts.captureLogs) app.flushLogs();
  const ds = app.get(DataSource);
  const http = app.getHttpServer() as Server;
  const responses: RecordedResponse[] = [];
  transcripts.set(http, responses);
  const logs = () => Buffer.concat(logChunks).toString('utf8');
  return {
    app, config, databaseUrl, http, responses, logs,
    baseUrl: port !== undefined ? `http://127.0.0.1:${port}` : undefined,
    sql: (q, p) => ds.query(q, p),
    close: async () => {
      let leaks: string[] = [];
      try {
        const rows = await ds.query<{ kid: string; private_ref: Buffer }[]>(
          `SELECT kid, private_ref FROM issuer_key WHERE private_ref IS NOT NULL AND store = 'software'`,
        );
        leaks = findKeyMaterial(keyMaterialOf(app.get(Envelope), rows), [
          ...responses.map((r, i) => ({ where: `response ${i + 1} (${r.request} → ${r.status})`, text: `${JSON.stringify(r.headers)}\n${r.text ?? ''}`, bytes: r.body })),
          { where: 'the log', text: logs() },
        ]);
      } finally {
        await app.close();
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        rmSync(dataDir, { recursive: true, force: true });
      }
      if (leaks.length > 0) throw new Error(`private key material leaked:\n  ${leaks.join('\n  ')}`);
    },
  };
}

/** A browser-like client: keeps cookies, sends the CSRF header on state-changing requests. */
export class ApiClient {
  private cookies = new Map<string, string>();

  constructor(private readonly http: Server) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string) {
    return this.keep(await request(this.http).get(path).set('Cookie', this.cookieHeader()));
  }

  async send(method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown, opts: { csrf?: boolean } = {}) {
    if (!this.cookies.has('XSRF-TOKEN')) await this.get('/healthz');
    let req = request(this.http)[method](path).set('Cookie', this.cookieHeader());
    if (opts.csrf !== false) req = req.set('X-XSRF-TOKEN', this.cookies.get('XSRF-TOKEN') ?? '');
    if (body !== undefined) req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
    return this.keep(await req);
  }

  post(path: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.send('post', path, body, opts);
  }

  /** POSTs raw bytes (a file upload) with the given headers (e.g. Content-Type, X-Filename), the session and the CSRF header. */
  async upload(path: string, body: Buffer | string, headers: Record<string, string> = {}) {
    if (!this.cookies.has('XSRF-TOKEN')) await this.get('/healthz');
    let req = request(this.http).post(path).set('Cookie', this.cookieHeader()).set('X-XSRF-TOKEN', this.cookies.get('XSRF-TOKEN') ?? '');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return this.keep(await req.send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body));
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep<T extends request.Response>(res: T): T {
    const req = (res as unknown as { req?: { method?: string; path?: string } }).req;
    transcripts.get(this.http)?.push({
      request: `${req?.method ?? '?'} ${req?.path ?? '?'}`, status: res.status, headers: res.headers,
      text: typeof res.text === 'string' ? res.text : undefined, body: Buffer.isBuffer(res.body) ? res.body : undefined,
    });
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const c of set ?? []) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const k = pair!.slice(0, eq), v = pair!.slice(eq + 1);
      if (v === '' || /Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }
}

export interface TestStaff {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  roles: Role[];
}

/** Creates an account that has changed its password and enrolled MFA (set directly in the database). */
export async function createEnrolledStaff(t: TestApp, username: string, roles: Role[]): Promise<TestStaff> {
  const created = await t.app.get(StaffService).create({ username, displayName: `Test ${username}`, email: `${username}@example.org`, roles });
  const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const sealed = t.app.get(Envelope).seal(Buffer.from(totpSecret), `staff.mfa_secret:${created.staff.id}`);
  await t.sql(`UPDATE staff SET must_change_password = false, mfa_secret = $2, mfa_enrolled_at = now() WHERE id = $1`, [created.staff.id, sealed]);
  return { id: created.staff.id, username, password: created.oneTimePassword, totpSecret, roles };
}

/** Signs in through the API (password, then TOTP). Clears the replay marker so one account can sign in repeatedly. */
export async function signIn(t: TestApp, staff: TestStaff): Promise<{ client: ApiClient; me: MeResponse }> {
  await t.sql('UPDATE staff SET totp_last_step = NULL WHERE id = $1', [staff.id]);
  const client = new ApiClient(t.http);
  const first = await client.post('/api/v1/auth/sign-in', { username: staff.username, password: staff.password });
  if (first.status !== 200) throw new Error(`sign-in failed: ${first.status} ${JSON.stringify(first.body)}`);
  const second = await client.post('/api/v1/auth/mfa', { code: totpCode(staff.totpSecret, Date.now()) });
  if (second.status !== 200) throw new Error(`mfa failed: ${second.status} ${JSON.stringify(second.body)}`);
  return { client, me: second.body as MeResponse };
}
