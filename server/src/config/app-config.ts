import { isAbsolute, resolve } from 'node:path';

/**
 * Tessera's configuration: read from the environment once, at boot, validated, then passed around typed.
 * Nothing else in the server reads `process.env`.
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string | undefined;
  /** Unset: an embedded PostgreSQL is started with its data in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Base64 of 32 bytes; or read from masterKeyFile; in development generated into the data folder. */
  masterKey: string | undefined;
  masterKeyFile: string;
  auditKeyFile: string;
  auditHeadFile: string;
  auditHeadIntervalMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** How long a resolved session may be reused without reading it again (0: read on every request). */
  sessionCacheSeconds: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  bootstrapAdminUsername: string;
  /** Where the built console lives; served at `/` when present. */
  clientDir: string;
  /** Synthetic residents loaded at start when the registry is empty (default 10,000 with the embedded database, else 0). */
  demoSeedPersons: number;
  /** Largest registry file accepted by upload. */
  importMaxBytes: number;
  /** The SMART Health Cards issuer URL (`iss`): https outside development, no trailing slash. */
  issuerUrl: string;
  /** The path part of issuerUrl ('' or '/…'): the `.well-known` endpoints live under it. */
  issuerPath: string;
  /** Rotation policy: an active key is due for rotation after this many months. */
  keyCryptoperiodMonths: number;
  /** A new key should be in the published key set this long before it signs (verifier caches). */
  keyPrePublicationDays: number;
  /** Private material of retired and revoked keys is destroyed after this many days. */
  keyDestroyAfterDays: number;
  /** Card requests per minute allowed to each resident-portal client. */
  portalRateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a whole number (got "${raw}")`);
    return fallback;
  }
  const n = Number(raw);
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

function bytes(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!m) {
    problems.push(`${name} must be a size such as 1mb, 512kb or 1048576 (got "${raw}")`);
    return fallback;
  }
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'gb' ? 1024 ** 3 : unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development', problems);
  const dataDir = resolvePath(cwd, env['TESSERA_DATA_DIR'] || '.data');
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const masterKey = env['TESSERA_MASTER_KEY'] || undefined;
  if (masterKey !== undefined && Buffer.from(masterKey, 'base64').length !== 32) {
    problems.push('TESSERA_MASTER_KEY must be 32 bytes encoded in base64');
  }
  const bootstrapAdminUsername = env['TESSERA_BOOTSTRAP_ADMIN'] || 'admin';
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(bootstrapAdminUsername)) {
    problems.push('TESSERA_BOOTSTRAP_ADMIN must be 3-32 lower-case letters, digits, dot, dash or underscore');
  }
  const config: AppConfig = {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 1, 65535, problems),
    host: env['HOST'] || undefined,
    databaseUrl,
    embeddedPgPort: int(env, 'TESSERA_EMBEDDED_PG_PORT', 54329, 1024, 65535, problems),
    dataDir,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', problems),
    masterKey,
    masterKeyFile: resolvePath(cwd, env['TESSERA_MASTER_KEY_FILE'] || `${dataDir}/master.key`),
    auditKeyFile: resolvePath(cwd, env['TESSERA_AUDIT_KEY_FILE'] || `${dataDir}/audit-signing-key.pem`),
    auditHeadFile: resolvePath(cwd, env['TESSERA_AUDIT_HEAD_FILE'] || `${dataDir}/audit-heads.ndjson`),
    auditHeadIntervalMinutes: int(env, 'TESSERA_AUDIT_HEAD_INTERVAL_MINUTES', 60, 1, 24 * 60, problems),
    sessionIdleMinutes: int(env, 'TESSERA_SESSION_IDLE_MINUTES', 30, 1, 24 * 60, problems),
    sessionAbsoluteHours: int(env, 'TESSERA_SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24, problems),
    sessionCacheSeconds: int(env, 'TESSERA_SESSION_CACHE_SECONDS', 5, 0, 60, problems),
    bodyLimitBytes: bytes(env, 'TESSERA_BODY_LIMIT', 1024 * 1024, problems),
    trustProxy: bool(env, 'TESSERA_TRUST_PROXY', false, problems),
    bootstrapAdminUsername,
    clientDir: resolvePath(cwd, env['TESSERA_CLIENT_DIR'] || 'dist/client/browser'),
    importMaxBytes: bytes(env, 'TESSERA_IMPORT_MAX_BYTES', 2 * 1024 * 1024 * 1024, problems),
    demoSeedPersons: int(env, 'TESSERA_DEMO_SEED', databaseUrl === undefined ? 10_000 : 0, 0, 5_000_000, problems),
    issuerUrl: '',
    issuerPath: '',
    keyCryptoperiodMonths: int(env, 'TESSERA_KEY_CRYPTOPERIOD_MONTHS', 12, 1, 60, problems),
    keyPrePublicationDays: int(env, 'TESSERA_KEY_PREPUBLISH_DAYS', 7, 0, 90, problems),
    keyDestroyAfterDays: int(env, 'TESSERA_KEY_DESTROY_AFTER_DAYS', 30, 0, 3650, problems),
    portalRateLimitPerMinute: int(env, 'TESSERA_PORTAL_RATE_LIMIT', 120, 1, 100_000, problems),
  };
  const issuer = issuerUrl(env, nodeEnv, config.port, problems);
  config.issuerUrl = issuer.url;
  config.issuerPath = issuer.path;
  if (config.env === 'production' && config.databaseUrl === undefined) {
    problems.push('DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)');
  }
  if (config.env === 'production' && config.masterKey === undefined && env['TESSERA_MASTER_KEY_FILE'] === undefined) {
    problems.push('TESSERA_MASTER_KEY or TESSERA_MASTER_KEY_FILE is required when NODE_ENV=production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * TESSERA_ISSUER_URL: the `iss` of every card. https and no trailing slash (SMART Health Cards §2); plain http is
 * accepted only for localhost outside production. Default outside production: http://localhost:<PORT>/issuer.
 */
function issuerUrl(env: Env, nodeEnv: AppConfig['env'], port: number, problems: string[]): { url: string; path: string } {
  const raw = env['TESSERA_ISSUER_URL'];
  if (!raw) {
    if (nodeEnv === 'production') problems.push('TESSERA_ISSUER_URL is required when NODE_ENV=production (e.g. https://health.example.gov/shc)');
    return { url: `http://localhost:${port}/issuer`, path: '/issuer' };
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    problems.push(`TESSERA_ISSUER_URL must be an absolute URL (got "${raw}")`);
    return { url: raw, path: '' };
  }
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  if (raw.endsWith('/')) problems.push(`TESSERA_ISSUER_URL must not end with "/" (got "${raw}")`);
  else if (u.search || u.hash || u.username || u.password) problems.push('TESSERA_ISSUER_URL must not carry a query, fragment or credentials');
  else if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local && nodeEnv !== 'production')) {
    problems.push(`TESSERA_ISSUER_URL must use https (plain http only for localhost outside production; got "${raw}")`);
  }
  return { url: raw, path: u.pathname === '/' ? '' : u.pathname };
}

function resolvePath(cwd: string, p: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
