import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';

export interface MasterKeySource {
  key: Buffer;
  /** Set when a development key was generated or read from the data folder. */
  warning?: string;
}

/** TESSERA_MASTER_KEY, else the key file; outside production a missing file is created (0600). */
export function loadMasterKey(config: AppConfig): MasterKeySource {
  if (config.masterKey) return { key: Buffer.from(config.masterKey, 'base64') };
  if (existsSync(config.masterKeyFile)) {
    const raw = readFileSync(config.masterKeyFile, 'utf8').trim();
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new Error(`${config.masterKeyFile} must hold 32 bytes in base64`);
    return config.env === 'production'
      ? { key }
      : { key, warning: `Using the development master key in ${config.masterKeyFile}. Set TESSERA_MASTER_KEY in production.` };
  }
  if (config.env === 'production') throw new Error(`master key file ${config.masterKeyFile} does not exist`);
  mkdirSync(dirname(config.masterKeyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(config.masterKeyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, warning: `Generated a development master key in ${config.masterKeyFile} (mode 0600). Set TESSERA_MASTER_KEY in production.` };
}
