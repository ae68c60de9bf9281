import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE, type E2eState } from './server';

const run = promisify(execFile);

export interface NewStaff {
  username: string;
  name: string;
  email: string;
  roles: string[];
}

/**
 * Creates a staff account with the `tessera staff create` command line, beside the running server (same database,
 * same data folder), and returns its one-time password. Tests that need a role other than the first administrator
 * use this, so they do not depend on the administrator's first sign-in, which another test file performs.
 */
export async function createStaffWithCli(state: E2eState, staff: NewStaff): Promise<string> {
  const dbUrl = state.databaseUrl ?? state.pgUrl;
  if (!dbUrl) throw new Error('the e2e state does not say which database the server uses');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>), DATABASE_URL: dbUrl, TESSERA_DATA_DIR: state.dataDir,
    NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: new URL(state.baseUrl).port, TESSERA_DEMO_SEED: '0',
  };
  const { stdout } = await run(
    process.execPath,
    [join(WORKSPACE, 'dist/server/cli.js'), 'staff', 'create', '--username', staff.username, '--name', staff.name,
      '--email', staff.email, '--roles', staff.roles.join(',')],
    { cwd: WORKSPACE, env, timeout: 60_000 },
  );
  const otp = /One-time password \(shown once\):\s+(\S+)/.exec(stdout)?.[1];
  if (!otp) throw new Error(`tessera staff create printed no one-time password:\n${stdout}`);
  return otp;
}
