import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The birth-date index carries the name words, so a birth date + name search shortlists the people born that day
 * from the index alone (an index-only scan over a few contiguous pages) and reads the table only for the
 * shortlist. It replaces the plain birth-date index. Built CONCURRENTLY: no lock on `person` writes meanwhile.
 */
export class BirthDateNames1765065600001 implements MigrationInterface {
  name = 'BirthDateNames1765065600001';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // A failed concurrent build leaves an invalid index behind: drop it before trying again.
    await q.query('DROP INDEX CONCURRENTLY IF EXISTS ix_person_birth_date_names');
    await q.query('CREATE INDEX CONCURRENTLY ix_person_birth_date_names ON person (birth_date) INCLUDE (id, given_norm, name_keys)');
    await q.query('DROP INDEX CONCURRENTLY IF EXISTS ix_person_birth_date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_person_birth_date ON person (birth_date)');
    await q.query('DROP INDEX CONCURRENTLY IF EXISTS ix_person_birth_date_names');
  }
}
