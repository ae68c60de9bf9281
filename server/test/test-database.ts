import { Client } from 'pg';

/** Where the integration tests' PostgreSQL is and which migrated template to clone (set by global-setup). */
export const TEST_ADMIN_URL_VAR = 'TESSERA_TEST_ADMIN_URL';
export const TEST_TEMPLATE_VAR = 'TESSERA_TEST_TEMPLATE';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}
