import type { QueryRunner } from 'typeorm';

/**
 * Drops an index that a migration replaces, and removes it from the definitions an interrupted bulk load (seed)
 * saved in `registry_bulk_load`, so finishing that load never brings the old index back. IF EXISTS: such a load
 * may have dropped it already.
 */
export async function dropReplacedIndex(q: QueryRunner, name: string): Promise<void> {
  await q.query(`DROP INDEX IF EXISTS ${name}`);
  await q.query(`UPDATE registry_bulk_load SET definitions = jsonb_set(definitions, '{indexes}', coalesce(
    (SELECT jsonb_agg(i) FROM jsonb_array_elements(definitions->'indexes') i WHERE i->>'name' <> $1), '[]'::jsonb))`, [name]);
}
