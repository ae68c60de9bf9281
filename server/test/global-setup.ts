import './register-paths';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres';
import { migrate } from '../src/database/migrate';
import { adminQuery, TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR, withDatabase } from './test-database';

declare global {
  var __TESSERA_EMBEDDED__: EmbeddedDatabase | undefined;
}

/**
 * Integration tests: DATABASE_URL when set, else a throw-away embedded PostgreSQL. Migrates a template database
 * once; each test file clones it (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env['DATABASE_URL'];
  if (!adminUrl) {
    const parent = mkdtempSync(join(tmpdir(), 'tessera-test-pg-'));
    chmodSync(parent, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach the folder
    const dir = join(parent, 'pg');
    const db = await startEmbeddedPostgres(dir, await freePort());
    globalThis.__TESSERA_EMBEDDED__ = db;
    adminUrl = db.url;
  }
  const template = `tessera_tpl_${process.pid}`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  await migrate(withDatabase(adminUrl, template));
  process.env[TEST_ADMIN_URL_VAR] = adminUrl;
  process.env[TEST_TEMPLATE_VAR] = template;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}
