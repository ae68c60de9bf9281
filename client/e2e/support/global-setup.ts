import { startServer, STATE_VAR } from './server';

declare global {
  var __TESSERA_E2E_CHILD__: import('node:child_process').ChildProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  const { state, child } = await startServer();
  globalThis.__TESSERA_E2E_CHILD__ = child;
  process.env[STATE_VAR] = JSON.stringify(state);
}
