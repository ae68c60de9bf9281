import type { EntityManager } from 'typeorm';

/**
 * Keeps the derived surname tables in step with a person's names, in the caller's transaction: `person_name_key`
 * (who carries each surname word, with the given name) and `surname` (how many carry it). The seed rebuilds both
 * whole; imports and corrections go through here.
 */
export async function indexPersonNames(
  m: EntityManager, personId: string, before: { tokens: readonly string[] } | null, after: { tokens: readonly string[]; givenNorm: string },
): Promise<void> {
  const removed = before ? before.tokens.filter((t) => !after.tokens.includes(t)) : [];
  const added = before ? after.tokens.filter((t) => !before.tokens.includes(t)) : [...after.tokens];
  if (before) await m.query('DELETE FROM person_name_key WHERE person_id = $1', [personId]);
  await m.query(
    `INSERT INTO person_name_key (name_key, person_id, given_norm) SELECT unnest($1::text[]), $2, $3 ON CONFLICT DO NOTHING`,
    [after.tokens, personId, after.givenNorm]);
  if (added.length > 0) {
    await m.query(
      `INSERT INTO surname (name_key, persons) SELECT unnest($1::text[]), 1
       ON CONFLICT (name_key) DO UPDATE SET persons = surname.persons + 1`, [added]);
  }
  if (removed.length > 0) {
    await m.query('UPDATE surname SET persons = greatest(persons - 1, 0) WHERE name_key = ANY($1::text[])', [removed]);
  }
}
