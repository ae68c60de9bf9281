import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { personSearchKeys, type ImmunizationRecord, type PersonRecord } from '@tessera/registry-core';
import { generateResidents } from '@tessera/registry-synth';
import { dropForBulkLoad, restoreAfterBulkLoad, type SavedDefinitions } from './bulk-indexes';
import { copyRow, pgTextArray } from './copy-text';

export interface SeedOptions {
  persons: number;
  seed: number;
  log?: (message: string) => void;
  /** Persons per COPY transaction (a crash loses at most one chunk, and the next run resumes after the last). */
  chunk?: number;
  /** Loads of at least this many persons into empty tables drop the indexes first and rebuild them after. */
  bulkThreshold?: number;
}

export interface SeedResult {
  reused: boolean;
  inserted: number;
  immunizations: number;
  startIndex: number;
  seconds: { load: number; indexes: number; total: number };
}

const PERSON_COLUMNS = 'id, registry_id, given_names, family_name, suffix, aliases, birth_date, sex, phones, emails, address_line, city, state, zip, county, deceased, family_norm, given_norm, name_keys, source';
const IMMUNIZATION_COLUMNS = 'id, registry_id, person_id, cvx, mvx, lot_number, occurrence_date, dose_number, performer, status, source';
const TABLES = ['person', 'immunization'];

/**
 * Loads deterministic synthetic residents with COPY. Resident i depends only on (seed, i), so a run that stopped
 * midway resumes after the last committed chunk, and a database that already holds N synthetic residents is reused.
 * Large loads into empty tables drop indexes and keys first and rebuild them after (their definitions wait in
 * registry_bulk_load meanwhile, so a crashed load still ends with every index back).
 */
export async function seedResidents(url: string, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const chunk = opts.chunk ?? 50_000;
  const t0 = Date.now();
  const client = new Client({ connectionString: url, application_name: 'tessera-seed' });
  await client.connect();
  try {
    const pending = (await client.query<{ definitions: SavedDefinitions }>('SELECT definitions FROM registry_bulk_load WHERE id = 1')).rows[0];
    const { synthetic, total } = (await client.query<{ synthetic: number; total: number }>(
      `SELECT count(*) FILTER (WHERE source = 'synthetic')::int AS synthetic, count(*)::int AS total FROM person`)).rows[0]!;
    if (synthetic >= opts.persons && !pending) {
      log(`${synthetic.toLocaleString('en-US')} synthetic residents already loaded: reusing them.`);
      return { reused: true, inserted: 0, immunizations: 0, startIndex: synthetic, seconds: { load: 0, indexes: 0, total: 0 } };
    }
    const startIndex = synthetic > 0
      ? Number((await client.query<{ n: string }>(
        `SELECT max(substring(registry_id FROM 3)::bigint)::text AS n FROM person WHERE source = 'synthetic'`)).rows[0]!.n) + 1
      : 0;
    let saved = pending?.definitions ?? null;
    if (!saved && total === 0 && opts.persons >= (opts.bulkThreshold ?? 100_000)) {
      await client.query('BEGIN');
      saved = await dropForBulkLoad(client, TABLES);
      await client.query('INSERT INTO registry_bulk_load (id, definitions) VALUES (1, $1)', [JSON.stringify(saved)]);
      await client.query('COMMIT');
      log('Bulk load: indexes and keys dropped; they are rebuilt after the load.');
    }

    let inserted = 0, immunizations = 0;
    const end = opts.persons;
    // Generate chunk k+1 while PostgreSQL ingests chunk k.
    let next: Promise<Encoded> | null = startIndex < end ? Promise.resolve(encode(opts.seed, startIndex, Math.min(chunk, end - startIndex))) : null;
    for (let from = startIndex; from < end; from += chunk) {
      const current = await next!;
      const nextFrom = from + chunk;
      next = nextFrom < end ? new Promise((resolve) => setImmediate(() => resolve(encode(opts.seed, nextFrom, Math.min(chunk, end - nextFrom))))) : null;
      await client.query('BEGIN');
      await copy(client, `COPY person (${PERSON_COLUMNS}) FROM STDIN`, current.persons);
      await copy(client, `COPY immunization (${IMMUNIZATION_COLUMNS}) FROM STDIN`, current.immunizations);
      await client.query('COMMIT');
      inserted += current.count;
      immunizations += current.immunizationCount;
      log(`  ${(from + current.count).toLocaleString('en-US')} / ${end.toLocaleString('en-US')} residents (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const loaded = Date.now();
    if (saved) {
      log('Rebuilding indexes and keys…');
      await restoreAfterBulkLoad(client, saved, log);
      await client.query('DELETE FROM registry_bulk_load WHERE id = 1');
    }
    const indexed = Date.now();
    // Derived search tables, rebuilt whole so they always match the persons (the token rule mirrors surnameTokens()).
    log('Building the surname tables…');
    await client.query('BEGIN');
    await client.query('TRUNCATE person_name_key, surname');
    await client.query('ALTER TABLE person_name_key DROP CONSTRAINT pk_person_name_key');
    await client.query('DROP INDEX ix_person_name_key_person');
    await client.query(`
      INSERT INTO person_name_key (name_key, person_id, given_norm)
      SELECT x.t, p.id, p.given_norm FROM person p,
        LATERAL (SELECT DISTINCT t FROM unnest(p.name_keys) k, regexp_split_to_table(k, ' ') t
                  WHERE t <> '' AND NOT EXISTS (SELECT 1 FROM unnest(p.name_keys) j WHERE j LIKE '% %' AND replace(j, ' ', '') = t)) x`);
    await client.query('ALTER TABLE person_name_key ADD CONSTRAINT pk_person_name_key PRIMARY KEY (name_key, person_id) INCLUDE (given_norm)');
    await client.query('CREATE INDEX ix_person_name_key_person ON person_name_key (person_id)');
    await client.query('INSERT INTO surname (name_key, persons) SELECT name_key, count(*) FROM person_name_key GROUP BY name_key');
    await client.query('COMMIT');
    // The visibility map lets surname searches scan person_name_key index-only.
    await client.query('VACUUM (ANALYZE) person_name_key');
    await client.query('VACUUM (ANALYZE) surname');
    // and birth date + name searches shortlist from the birth-date index alone.
    await client.query('VACUUM (ANALYZE) person');
    await client.query('ANALYZE immunization');
    return {
      reused: false, inserted, immunizations, startIndex,
      seconds: { load: (loaded - t0) / 1000, indexes: (indexed - loaded) / 1000, total: (Date.now() - t0) / 1000 },
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

interface Encoded {
  count: number;
  immunizationCount: number;
  persons: string[];
  immunizations: string[];
}

function encode(seed: number, startIndex: number, count: number): Encoded {
  const persons: string[] = [];
  const immunizations: string[] = [];
  let immunizationCount = 0;
  for (const { person, immunizations: imms } of generateResidents({ seed, count, startIndex })) {
    const id = randomUUID();
    persons.push(personLine(id, person));
    for (const i of imms) {
      immunizations.push(immunizationLine(id, i));
      immunizationCount++;
    }
  }
  return { count: persons.length, immunizationCount, persons, immunizations };
}

function personLine(id: string, p: PersonRecord): string {
  const keys = personSearchKeys(p);
  return copyRow([
    id, p.registryId, p.given, p.family, p.suffix, JSON.stringify(p.aliases), p.birthDate, p.sex, pgTextArray(p.phones),
    pgTextArray(p.emails), p.address.line, p.address.city, p.address.state, p.address.zip, p.address.county, p.deceased,
    keys.familyNorm, keys.givenNorm, pgTextArray(keys.nameKeys), 'synthetic',
  ]);
}

function immunizationLine(personId: string, i: ImmunizationRecord): string {
  return copyRow([
    randomUUID(), i.registryId, personId, i.cvx, i.mvx, i.lotNumber, i.occurrenceDate, i.doseNumber, i.performer, i.status, i.source,
  ]);
}

async function copy(client: Client, sql: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    let i = 0;
    const write = () => {
      let ok = true;
      while (i < lines.length && ok) {
        // batch lines into ~64 KB writes
        let buf = '';
        while (i < lines.length && buf.length < 65536) buf += lines[i++];
        ok = stream.write(buf);
      }
      if (i < lines.length) stream.once('drain', write);
      else stream.end();
    };
    write();
  });
}
