import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropReplacedIndex } from './bulk-load-definitions';

/**
 * The birth-date index carries the name words, so a birth date + name search shortlists the people born that day
 * from the index alone (an index-only scan over a few contiguous pages) and reads the table only for the
 * shortlist. It replaces the plain birth-date index.
 *
 * Built in the migration's transaction, not CONCURRENTLY: writes to `person` wait for the build (about 10 s per
 * 3 million residents here), and a concurrent build would deadlock with a second server starting at the same time
 * (it waits for every open snapshot, including that of the process waiting for the migration lock). The importer
 * refuses a resident whose names exceed 1,000 characters in all, well under the index's row limit (2,704 bytes).
 */
export class BirthDateNames1765065600001 implements MigrationInterface {
  name = 'BirthDateNames1765065600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_person_birth_date_names ON person (birth_date) INCLUDE (id, given_norm, name_keys)');
    await dropReplacedIndex(q, 'ix_person_birth_date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_person_birth_date ON person (birth_date)');
    await q.query('DROP INDEX ix_person_birth_date_names');
  }
}
