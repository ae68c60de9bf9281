import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Applies pending migrations; returns the names applied. */
export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    // Serialise concurrent starts on one database.
    await ds.query('SELECT pg_advisory_lock(7317001)');
    const applied = await ds.runMigrations({ transaction: 'each' });
    await ds.query('SELECT pg_advisory_unlock(7317001)');
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
