import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { createApp } from './bootstrap-app';
import { resolveDatabase } from './database/database-url';
import { migrate } from './database/migrate';
import { SeedService } from './registry/seed/seed.service';
import { BootstrapService } from './staff/bootstrap.service';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const db = await resolveDatabase(config);
  if (db.embedded) process.stdout.write(`Embedded PostgreSQL running, data in ${config.dataDir}/pg\n`);
  const applied = await migrate(db.url);
  if (applied.length > 0) process.stdout.write(`Applied migrations: ${applied.join(', ')}\n`);

  const app = await createApp(config, db.url);
  const first = await app.get(BootstrapService).ensureFirstAdmin();
  if (config.demoSeedPersons > 0) {
    const seeded = await app.get(SeedService).seedIfEmpty(db.url, config.demoSeedPersons);
    if (seeded) process.stdout.write(`Registry was empty: loaded ${seeded.inserted.toLocaleString('en-US')} synthetic residents (${seeded.immunizations.toLocaleString('en-US')} immunizations) for the demo.\n`);
  }
  await app.listen(config.port, config.host ?? '0.0.0.0');
  if (first) {
    // Printed once, to the terminal only (not to the structured log).
    process.stdout.write([
      '',
      '================================================================',
      ' Tessera: first administrator created',
      `   user name:          ${first.username}`,
      `   one-time password:  ${first.oneTimePassword}`,
      ' Sign in at the console; you will set a new password and enrol',
      ' an authenticator app. This password is not shown again.',
      '================================================================',
      '',
    ].join('\n'));
  }
  process.stdout.write(`Tessera console and API on http://localhost:${config.port}\n`);

  // Close the app (Nest shutdown hooks run), then stop the embedded database, then exit.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    void (async () => {
      try {
        await app.close();
        if (db.embedded) await db.embedded.stop();
      } finally {
        process.exit(0);
      }
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`Tessera failed to start: ${err.message}\n`);
  process.exit(1);
});
