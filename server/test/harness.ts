import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { MeResponse, Role } from '@tessera/contracts';
import { totpCode } from '../src/auth/totp';
import { createApp } from '../src/bootstrap-app';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { Envelope } from '../src/crypto/envelope';
import { StaffService } from '../src/staff/staff.service';
import { adminQuery, TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR, withDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: Server;
  config: AppConfig;
  databaseUrl: string;
  /** Runs SQL as the database superuser (bypasses nothing by itself). */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and the whole HTTP app on it. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (!adminUrl || !template) throw new Error('integration tests need the global setup (server/test/global-setup.ts)');
  const name = `tessera_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const databaseUrl = withDatabase(adminUrl, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test', DATABASE_URL: databaseUrl, TESSERA_DATA_DIR: dataDir, LOG_LEVEL: 'silent',
    TESSERA_MASTER_KEY: randomBytes(32).toString('base64'), TESSERA_CLIENT_DIR: join(dataDir, 'no-client'), ...env,
  });
  const app = await createApp(config, databaseUrl, { logger: false });
  await app.init();
  const ds = app.get(DataSource);
  return {
    app, config, databaseUrl, http: app.getHttpServer() as Server,
    sql: (q, p) => ds.query(q, p),
    close: async () => {
      await app.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
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
