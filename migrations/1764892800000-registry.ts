import type { MigrationInterface, QueryRunner } from 'typeorm';
import { VACCINE_CODES } from '@tessera/registry-core';

/**
 * The immunization registry replica: persons, immunizations, their change history, the CVX code table (data from
 * libs/registry-core at the time of this migration), a distinct-surname table for fuzzy surname search, and
 * import runs with their rejected lines.
 */
export class Registry1764892800000 implements MigrationInterface {
  name = 'Registry1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE vaccine_code (
        cvx text NOT NULL,
        display text NOT NULL,
        vaccine_group text NOT NULL,
        CONSTRAINT pk_vaccine_code PRIMARY KEY (cvx),
        CONSTRAINT ck_vaccine_code_cvx CHECK (cvx ~ '^[0-9]{2,3}$')
      )`);
    const values = VACCINE_CODES.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
    await q.query(`INSERT INTO vaccine_code (cvx, display, vaccine_group) VALUES ${values}`,
      VACCINE_CODES.flatMap((v) => [v.cvx, v.display, v.group]));

    await q.query(`
      CREATE TABLE person (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        registry_id text NOT NULL,
        given_names text NOT NULL,
        family_name text NOT NULL,
        suffix text,
        aliases jsonb NOT NULL DEFAULT '[]'::jsonb,
        birth_date date NOT NULL,
        sex text NOT NULL,
        phones text[] NOT NULL DEFAULT '{}',
        emails text[] NOT NULL DEFAULT '{}',
        address_line text,
        city text,
        state text,
        zip text,
        county text,
        deceased boolean NOT NULL DEFAULT false,
        quality_flags text[] NOT NULL DEFAULT '{}',
        family_norm text NOT NULL,
        given_norm text NOT NULL,
        name_keys text[] NOT NULL,
        corrected_fields text[] NOT NULL DEFAULT '{}',
        registry_conflict jsonb,
        source text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_imported_at timestamptz,
        CONSTRAINT pk_person PRIMARY KEY (id),
        CONSTRAINT uq_person_registry_id UNIQUE (registry_id),
        CONSTRAINT ck_person_sex CHECK (sex IN ('F', 'M', 'U')),
        CONSTRAINT ck_person_names CHECK (length(family_name) BETWEEN 1 AND 120 AND length(given_names) BETWEEN 1 AND 120),
        CONSTRAINT ck_person_zip CHECK (zip IS NULL OR zip ~ '^[0-9]{5}$')
      )`);
    await q.query(`CREATE INDEX ix_person_birth_date ON person (birth_date)`);
    await q.query(`CREATE INDEX ix_person_phones ON person USING gin (phones)`);
    await q.query(`CREATE INDEX ix_person_emails ON person USING gin (emails)`);
    await q.query(`CREATE INDEX ix_person_name_keys ON person USING gin (name_keys)`);

    await q.query(`
      CREATE TABLE surname (
        name_key text NOT NULL,
        persons integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_surname PRIMARY KEY (name_key)
      )`);
    // GIN, never GiST: measured here, GiST trigram indexes were the slow path.
    await q.query(`CREATE INDEX ix_surname_trgm ON surname USING gin (name_key gin_trgm_ops)`);
    // Who carries each surname word, with the given name: surname searches rank candidates from this index alone
    // (index-only scan on contiguous pages) and read only the best persons' rows. Derived from person; kept by the
    // registry writer and rebuilt by the seed.
    await q.query(`
      CREATE TABLE person_name_key (
        name_key text NOT NULL,
        person_id uuid NOT NULL,
        given_norm text NOT NULL,
        CONSTRAINT pk_person_name_key PRIMARY KEY (name_key, person_id) INCLUDE (given_norm)
      )`);
    await q.query(`CREATE INDEX ix_person_name_key_person ON person_name_key (person_id)`);

    await q.query(`
      CREATE TABLE immunization (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        registry_id text NOT NULL,
        person_id uuid NOT NULL,
        cvx text NOT NULL,
        mvx text,
        lot_number text,
        occurrence_date date NOT NULL,
        dose_number integer,
        performer text,
        status text NOT NULL,
        source text NOT NULL,
        corrected_fields text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_immunization PRIMARY KEY (id),
        CONSTRAINT uq_immunization_registry_id UNIQUE (registry_id),
        CONSTRAINT fk_immunization_person FOREIGN KEY (person_id) REFERENCES person (id),
        CONSTRAINT fk_immunization_vaccine_code FOREIGN KEY (cvx) REFERENCES vaccine_code (cvx),
        CONSTRAINT ck_immunization_status CHECK (status IN ('completed', 'entered-in-error')),
        CONSTRAINT ck_immunization_dose_number CHECK (dose_number IS NULL OR dose_number BETWEEN 1 AND 50)
      )`);
    await q.query(`CREATE INDEX ix_immunization_person ON immunization (person_id, occurrence_date)`);

    await q.query(`
      CREATE TABLE record_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        person_id uuid NOT NULL,
        version integer NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid,
        changed_by_username text,
        change_source text NOT NULL,
        reason text,
        old_values jsonb,
        new_values jsonb NOT NULL,
        CONSTRAINT pk_record_history PRIMARY KEY (id),
        CONSTRAINT ck_record_history_type CHECK (record_type IN ('person', 'immunization')),
        CONSTRAINT ck_record_history_source CHECK (change_source IN ('import', 'correction', 'review'))
      )`);
    await q.query(`CREATE INDEX ix_record_history_person ON record_history (person_id, changed_at)`);

    await q.query(`
      CREATE TABLE registry_import (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        filename text NOT NULL,
        format text,
        status text NOT NULL DEFAULT 'running',
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        started_by uuid,
        bytes_total bigint,
        bytes_read bigint NOT NULL DEFAULT 0,
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        inserted integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        conflicts integer NOT NULL DEFAULT 0,
        error text,
        CONSTRAINT pk_registry_import PRIMARY KEY (id),
        CONSTRAINT ck_registry_import_status CHECK (status IN ('running', 'completed', 'failed'))
      )`);
    await q.query(`
      CREATE TABLE registry_import_rejection (
        import_id uuid NOT NULL,
        seq integer NOT NULL,
        position text NOT NULL,
        reason text NOT NULL,
        CONSTRAINT pk_registry_import_rejection PRIMARY KEY (import_id, seq),
        CONSTRAINT fk_registry_import_rejection_import FOREIGN KEY (import_id) REFERENCES registry_import (id) ON DELETE CASCADE
      )`);

    // While a bulk load runs without indexes, their definitions wait here, so a crashed load can finish later.
    await q.query(`
      CREATE TABLE registry_bulk_load (
        id integer NOT NULL DEFAULT 1,
        definitions jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_registry_bulk_load PRIMARY KEY (id),
        CONSTRAINT ck_registry_bulk_load_single CHECK (id = 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['registry_bulk_load', 'registry_import_rejection', 'registry_import', 'record_history', 'immunization', 'person_name_key', 'surname', 'person', 'vaccine_code']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
