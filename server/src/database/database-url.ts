import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in `<dataDir>/pg`, database `tessera`. */
export async function resolveDatabase(config: AppConfig, log: (m: string) => void = () => undefined): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres(join(config.dataDir, 'pg'), config.embeddedPgPort, log);
  const url = await ensureDatabase(embedded.url, 'tessera');
  return { url, embedded };
}
