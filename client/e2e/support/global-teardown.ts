import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { STATE_VAR, type E2eState } from './server';

export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__TESSERA_E2E_CHILD__;
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  const state = JSON.parse(process.env[STATE_VAR] ?? 'null') as E2eState | null;
  if (state?.adminDbUrl && state.dbName) {
    const c = new Client({ connectionString: state.adminDbUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
    await c.end();
  }
  if (state) rmSync(state.dataDir, { recursive: true, force: true });
}
