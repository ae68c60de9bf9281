import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger } from '../common/logger';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { isRole, type Role } from '@tessera/contracts';
import { AppModule } from '../app.module';
import { exportStream } from '../audit/audit-export';
import { AuditHeadService } from '../audit/audit-head.service';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { ConfigError, loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-url';
import { migrate } from '../database/migrate';
import { RegistryImportService } from '../registry/import/registry-import.service';
import { SeedService } from '../registry/seed/seed.service';
import { StaffService } from '../staff/staff.service';
import { KeysService } from '../keys/keys.service';
import { KEYS_USAGE, runKeysCommand } from './keys-commands';
import { UsageError } from './usage-error';

const USAGE = `Usage: npm run tessera -- <command>

  migrate                                   apply pending database migrations
  staff list                                list staff accounts
  staff create --username U --name "N" --email E --roles r1,r2
                                            create an account; prints its one-time password once
  staff disable|enable --username U --reason "…"
  staff reset-mfa --username U --reason "…" clear the authenticator; enrolment at next sign-in
  staff reset-password --username U --reason "…"
  import FILE...                            import registry files (FHIR Bulk NDJSON or HL7 v2 VXU); prints the report
  seed --persons N [--seed S]               load N deterministic synthetic residents (resumes, reuses)
  audit verify                              verify the hash chain and signed heads; exit 1 on a break
  audit sign-head                           sign the current chain head now
  audit export [--format csv|ndjson]        write the whole log to standard output
${KEYS_USAGE}
Roles: records_officer, helpdesk_agent, key_admin, auditor, staff_admin`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      username: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, roles: { type: 'string' },
      reason: { type: 'string' }, format: { type: 'string', default: 'csv' }, help: { type: 'boolean', short: 'h' },
      persons: { type: 'string' }, seed: { type: 'string', default: '1' }, 'ack-short-publication': { type: 'boolean' },
    },
  });
  const [group, command] = positionals;
  if (values.help || !group) return out(USAGE), group ? 0 : 2;
  const config = loadConfig();
  const db = await resolveDatabase(config);
  try {
    const applied = await migrate(db.url);
    if (group === 'migrate') {
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    }
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, env: config.env === 'production' ? 'production' : 'test' }, db.url, { logger: createLogger({ logLevel: 'error' }, process.stderr) }), { logger: ['error'] });
    try {
      const ctx = { requestId: `cli-${randomUUID()}`, clientAddress: null, userAgent: `tessera-cli (${userInfo().username})`, actor: null };
      return await requestContext.run(ctx, () => run(app, group, command, values, db.url, positionals));
    } finally {
      await app.close();
    }
  } finally {
    if (db.embedded) await db.embedded.stop();
  }
}

type Values = Record<string, string | boolean | undefined>;

async function run(
  app: INestApplicationContext, group: string, command: string | undefined, v: Values, url: string, positionals: string[],
): Promise<number> {
  const staff = app.get(StaffService);
  const need = (k: string): string => {
    const value = v[k];
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${k} is required for ${group}${command ? ` ${command}` : ''}`);
    return value;
  };
  if (group === 'keys') {
    // Audited as the operating-system account that ran the command (the CLI has no staff session).
    return runKeysCommand(app.get(KeysService), command, v, positionals.slice(2), { actorUsername: `cli:${userInfo().username}` }, out);
  }
  switch (group === 'import' ? 'import' : `${group} ${command ?? ''}`.trim()) {
    case 'import': {
      const files = positionals.slice(1);
      if (files.length === 0) throw new UsageError('name at least one file: import FILE...');
      let failed = false;
      for (const file of files) {
        const r = await app.get(RegistryImportService).importFile(file);
        out(`${file}: ${r.status} (${r.format ?? 'unknown format'}) inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}, conflicts ${r.conflicts}`);
        for (const x of r.rejections) out(`  rejected ${x.position}: ${x.reason}`);
        if (r.rejected > r.rejections.length) out(`  … and ${r.rejected - r.rejections.length} more rejections (see the import run ${r.id})`);
        if (r.status === 'failed') { out(`  failed: ${r.error ?? ''}`); failed = true; }
      }
      return failed ? 1 : 0;
    }
    case 'seed': {
      const persons = Number(need('persons'));
      const seed = Number(v['seed']);
      if (!Number.isInteger(persons) || persons < 1 || persons > 10_000_000) throw new UsageError('--persons must be a whole number from 1 to 10,000,000');
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
      const r = await app.get(SeedService).seed(url, persons, seed, out);
      out(r.reused ? 'Nothing to do.' : `Loaded ${r.inserted.toLocaleString('en-US')} residents and ${r.immunizations.toLocaleString('en-US')} immunizations in ${r.seconds.total.toFixed(0)} s (load ${r.seconds.load.toFixed(0)} s, indexes ${r.seconds.indexes.toFixed(0)} s).`);
      return 0;
    }
    case 'staff list': {
      const page = await staff.list({ pageSize: 200 });
      for (const s of page.items) out(`${s.username.padEnd(24)} ${s.status.padEnd(9)} ${s.mfaEnrolled ? 'mfa' : 'no-mfa'}  ${s.roles.join(',')}  ${s.displayName}`);
      out(`${page.total} account(s)`);
      return 0;
    }
    case 'staff create': {
      const roles = need('roles').split(',').map((r) => r.trim());
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new UsageError(`unknown role(s): ${bad.join(', ')}`);
      const created = await staff.create({ username: need('username'), displayName: need('name'), email: need('email'), roles: roles as Role[] });
      out(`Created ${created.staff.username}. One-time password (shown once): ${created.oneTimePassword}`);
      return 0;
    }
    case 'staff disable':
    case 'staff enable': {
      const id = await staff.idOf(need('username'));
      await staff.setStatus(null, id, command === 'disable' ? 'disabled' : 'active', need('reason'));
      out(`${command === 'disable' ? 'Disabled' : 'Enabled'} ${v['username'] as string}.`);
      return 0;
    }
    case 'staff reset-mfa': {
      await staff.resetMfa(await staff.idOf(need('username')), need('reason'));
      out(`MFA reset for ${v['username'] as string}; they enrol again at next sign-in.`);
      return 0;
    }
    case 'staff reset-password': {
      const r = await staff.resetPassword(await staff.idOf(need('username')), need('reason'));
      out(`New one-time password for ${r.staff.username} (shown once): ${r.oneTimePassword}`);
      return 0;
    }
    case 'audit verify': {
      const result = await app.get(AuditHeadService).verify();
      await app.get(AuditService).record({ action: 'audit.verified', outcome: result.intact ? 'success' : 'failed', details: { checked: result.checked, firstBroken: result.firstBroken } });
      out(`Checked ${result.checked} entries; head #${result.head?.seq ?? '-'}; signed heads checked: ${result.signedHeads.checked}`);
      if (result.firstBroken) out(`BROKEN at entry #${result.firstBroken.seq}: ${result.firstBroken.reason}`);
      for (const f of result.signedHeads.failures) out(`Signed head #${f.seq} (${f.signedAt}): ${f.status}`);
      out(result.intact ? 'Audit chain intact.' : 'Audit chain NOT intact.');
      return result.intact ? 0 : 1;
    }
    case 'audit sign-head': {
      const signed = await app.get(AuditHeadService).signNow();
      out(signed ? `Signed head #${signed.seq} ${signed.hash}` : 'The audit log is empty.');
      return 0;
    }
    case 'audit export': {
      const format = v['format'] === 'ndjson' ? 'ndjson' : v['format'] === 'csv' ? 'csv' : null;
      if (!format) throw new UsageError('--format must be csv or ndjson');
      await app.get(AuditService).record({ action: 'audit.exported', details: { format, via: 'cli' } });
      for await (const chunk of exportStream(app.get(AuditService).stream({ format }), format)) {
        if (!process.stdout.write(chunk as string)) await new Promise((r) => process.stdout.once('drain', r));
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${group} ${command ?? ''}`);
  }
}

function out(line: string): void {
  process.stdout.write(line + '\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error & { problem?: { detail?: string } }) => {
    if (err instanceof UsageError || err instanceof ConfigError) process.stderr.write(`${err.message}\n\n${err instanceof UsageError ? USAGE : ''}\n`);
    else process.stderr.write(`tessera: ${err.problem?.detail ?? err.message}\n`);
    process.exit(2);
  },
);
