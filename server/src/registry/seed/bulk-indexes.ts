import type { Client } from 'pg';

/** Secondary indexes and constraints of some tables, captured so a bulk load can drop them and rebuild them after. */
export interface SavedDefinitions {
  constraints: { table: string; name: string; def: string; type: string }[];
  indexes: { name: string; def: string }[];
}

/**
 * Drops every index, primary/unique key and foreign key of `tables` (foreign keys first), returning their
 * definitions as PostgreSQL reports them, so `restore` rebuilds exactly what the migrations created.
 */
export async function dropForBulkLoad(client: Client, tables: string[]): Promise<SavedDefinitions> {
  const constraints = (await client.query<{ table: string; name: string; def: string; type: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype::text AS type
       FROM pg_constraint c WHERE c.conrelid = ANY($1::regclass[]) AND c.contype IN ('p', 'u', 'f')
      ORDER BY CASE c.contype WHEN 'f' THEN 0 ELSE 1 END`, [tables])).rows;
  const indexes = (await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.tablename = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`, [tables])).rows;
  // foreign keys that point INTO these tables from elsewhere must go too
  const incoming = (await client.query<{ table: string; name: string; def: string; type: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, 'f' AS type
       FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = ANY($1::regclass[]) AND NOT (c.conrelid = ANY($1::regclass[]))`, [tables])).rows;
  const all = [...incoming, ...constraints];
  for (const c of all) await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  return { constraints: all, indexes };
}

export async function restoreAfterBulkLoad(client: Client, saved: SavedDefinitions, log: (m: string) => void): Promise<void> {
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  const keys = saved.constraints.filter((c) => c.type !== 'f');
  const fks = saved.constraints.filter((c) => c.type === 'f');
  for (const c of keys) {
    const t = Date.now();
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    log(`  ${c.name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const i of saved.indexes) {
    const t = Date.now();
    await client.query(i.def);
    log(`  ${i.name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  for (const c of fks) {
    const t = Date.now();
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`);
    log(`  ${c.name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}
