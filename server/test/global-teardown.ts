import { adminQuery, TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (adminUrl && template) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await globalThis.__TESSERA_EMBEDDED__?.stop();
}
