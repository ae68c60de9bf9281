import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { personSearchKeys, surnameTokens, type ImmunizationRecord, type ImportItem, type PersonRecord } from '@tessera/registry-core';
import type { Actor } from '../../common/request-context';
import { indexPersonNames } from '../name-key-index';
import { diffFields, immunizationFields, personFields, type ImmunizationFields, type PersonFields } from './record-diff';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rejections: { position: string; reason: string }[];
}

interface Ctx {
  m: EntityManager;
  source: string;
  actor: Actor | null;
  counts: WriteCounts;
}

type PersonRow = PersonFields & { id: string; version: number; corrected_fields: string[]; registry_conflict: Record<string, unknown> | null; name_keys: string[] };
type ImmunizationRow = ImmunizationFields & { id: string; person_id: string; version: number; corrected_fields: string[] };

const PERSON_SELECT = `id, version, corrected_fields, registry_conflict, name_keys, given_names, family_name, suffix, aliases,
  to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex, phones, emails, address_line, city, state, zip, county, deceased`;

/**
 * Idempotent upserts of imported records keyed by registry ids, each unit under a savepoint (a unit that fails is
 * rejected whole, the batch goes on), with a history row for every insert and change.
 */
@Injectable()
export class RegistryWriter {
  async writeBatch(m: EntityManager, items: ImportItem[], source: string, actor: Actor | null): Promise<WriteCounts> {
    const ctx: Ctx = { m, source, actor, counts: { inserted: 0, updated: 0, unchanged: 0, conflicts: 0, rejections: [] } };
    for (const item of items) {
      if (item.kind === 'rejected') {
        ctx.counts.rejections.push({ position: item.position, reason: item.reason });
        continue;
      }
      const before = { ...ctx.counts };
      await m.query('SAVEPOINT unit');
      try {
        if (item.kind === 'person') {
          const personId = await this.upsertPerson(ctx, item.record);
          for (const imm of item.immunizations) await this.upsertImmunization(ctx, imm, personId);
        } else {
          const rows: { id: string }[] = await m.query('SELECT id FROM person WHERE registry_id = $1', [item.record.personRegistryId]);
          if (!rows[0]) throw new UnitRejected(`immunization ${item.record.registryId} refers to unknown person ${item.record.personRegistryId}`);
          await this.upsertImmunization(ctx, item.record, rows[0].id);
        }
        await m.query('RELEASE SAVEPOINT unit');
      } catch (err) {
        await m.query('ROLLBACK TO SAVEPOINT unit');
        // The unit's writes are undone, and so are its counts (a person inserted before its dose failed is not in).
        Object.assign(ctx.counts, { inserted: before.inserted, updated: before.updated, unchanged: before.unchanged, conflicts: before.conflicts });
        ctx.counts.rejections.push({ position: item.position, reason: err instanceof UnitRejected ? err.message : `could not be stored (${dbReason(err)})` });
      }
    }
    return ctx.counts;
  }

  private async upsertPerson(ctx: Ctx, p: PersonRecord): Promise<string> {
    const { m } = ctx;
    const incoming = personFields(p);
    const keys = personSearchKeys(p);
    const nameChars = keys.givenNorm.length + keys.nameKeys.reduce((n, k) => n + k.length + 1, 0);
    if (nameChars > MAX_NAME_CHARS) {
      throw new UnitRejected(`Patient ${p.registryId}: names and aliases too long (${nameChars} characters normalised; at most ${MAX_NAME_CHARS})`);
    }
    const rows: PersonRow[] = await m.query(`SELECT ${PERSON_SELECT} FROM person WHERE registry_id = $1 FOR UPDATE`, [p.registryId]);
    const current = rows[0];
    if (!current) {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO person (registry_id, given_names, family_name, suffix, aliases, birth_date, sex, phones, emails, address_line,
           city, state, zip, county, deceased, family_norm, given_norm, name_keys, source, last_imported_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now()) RETURNING id`,
        [p.registryId, incoming.given_names, incoming.family_name, incoming.suffix, JSON.stringify(incoming.aliases), incoming.birth_date,
          incoming.sex, incoming.phones, incoming.emails, incoming.address_line, incoming.city, incoming.state, incoming.zip,
          incoming.county, incoming.deceased, keys.familyNorm, keys.givenNorm, keys.nameKeys, ctx.source],
      );
      const id = inserted[0]!.id;
      await indexPersonNames(m, id, null, { tokens: surnameTokens(keys.nameKeys), givenNorm: keys.givenNorm });
      await this.history(ctx, 'person', id, id, 1, null, { registry_id: p.registryId, ...incoming });
      ctx.counts.inserted++;
      return id;
    }
    const { id, version, corrected_fields, registry_conflict, name_keys, ...stored } = current;
    const d = diffFields<PersonFields>(stored, incoming, corrected_fields);
    const hasConflicts = Object.keys(d.conflicts).length > 0;
    if (Object.keys(d.apply).length === 0 && !hasConflicts) {
      await m.query('UPDATE person SET last_imported_at = now() WHERE id = $1', [id]);
      ctx.counts.unchanged++;
      return id;
    }
    const next = { ...stored, ...d.apply };
    const nextKeys = personSearchKeys({ given: next.given_names, family: next.family_name, aliases: next.aliases });
    await m.query(
      `UPDATE person SET given_names = $2, family_name = $3, suffix = $4, aliases = $5::jsonb, birth_date = $6, sex = $7, phones = $8,
         emails = $9, address_line = $10, city = $11, state = $12, zip = $13, county = $14, deceased = $15, family_norm = $16,
         given_norm = $17, name_keys = $18, registry_conflict = $19::jsonb,
         quality_flags = CASE WHEN $19::jsonb IS NULL THEN quality_flags
                              ELSE array(SELECT DISTINCT unnest(quality_flags || ARRAY['registry_conflict'])) END,
         version = version + $20, updated_at = now(), last_imported_at = now()
       WHERE id = $1`,
      [id, next.given_names, next.family_name, next.suffix, JSON.stringify(next.aliases), next.birth_date, next.sex, next.phones,
        next.emails, next.address_line, next.city, next.state, next.zip, next.county, next.deceased, nextKeys.familyNorm,
        nextKeys.givenNorm, nextKeys.nameKeys, hasConflicts ? JSON.stringify({ ...(registry_conflict ?? {}), ...d.conflicts }) : (registry_conflict ? JSON.stringify(registry_conflict) : null),
        Object.keys(d.apply).length > 0 ? 1 : 0],
    );
    const before = surnameTokens(name_keys), after = surnameTokens(nextKeys.nameKeys);
    if (before.join(' ') !== after.join(' ') || 'given_names' in d.apply) {
      await indexPersonNames(m, id, { tokens: before }, { tokens: after, givenNorm: nextKeys.givenNorm });
    }
    if (Object.keys(d.apply).length > 0) {
      await this.history(ctx, 'person', id, id, version + 1, d.old, d.apply);
      ctx.counts.updated++;
    }
    if (hasConflicts) ctx.counts.conflicts++;
    return id;
  }

  private async upsertImmunization(ctx: Ctx, i: ImmunizationRecord, personId: string): Promise<void> {
    const { m } = ctx;
    const incoming = immunizationFields(i);
    const rows: ImmunizationRow[] = await m.query(
      `SELECT id, person_id, version, corrected_fields, cvx, mvx, lot_number, to_char(occurrence_date, 'YYYY-MM-DD') AS occurrence_date,
              dose_number, performer, status FROM immunization WHERE registry_id = $1 FOR UPDATE`, [i.registryId]);
    const current = rows[0];
    if (!current) {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO immunization (registry_id, person_id, cvx, mvx, lot_number, occurrence_date, dose_number, performer, status, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [i.registryId, personId, incoming.cvx, incoming.mvx, incoming.lot_number, incoming.occurrence_date, incoming.dose_number,
          incoming.performer, incoming.status, ctx.source]);
      await this.history(ctx, 'immunization', inserted[0]!.id, personId, 1, null, { registry_id: i.registryId, ...incoming });
      ctx.counts.inserted++;
      return;
    }
    if (current.person_id !== personId) throw new UnitRejected(`immunization ${i.registryId} already belongs to another person`);
    const { id, person_id: _p, version, corrected_fields, ...stored } = current;
    const d = diffFields<ImmunizationFields>(stored, incoming, corrected_fields);
    if (Object.keys(d.conflicts).length > 0) {
      // The person carries the flag; the keys say which dose and field differ.
      const conflicts = Object.fromEntries(Object.entries(d.conflicts).map(([field, v]) => [`immunization ${i.registryId} ${field}`, v]));
      await m.query(
        `UPDATE person SET registry_conflict = coalesce(registry_conflict, '{}'::jsonb) || $2::jsonb,
           quality_flags = array(SELECT DISTINCT unnest(quality_flags || ARRAY['registry_conflict'])) WHERE id = $1`,
        [personId, JSON.stringify(conflicts)]);
      ctx.counts.conflicts++;
    }
    if (Object.keys(d.apply).length === 0) {
      if (Object.keys(d.conflicts).length === 0) ctx.counts.unchanged++;
      return;
    }
    const next = { ...stored, ...d.apply };
    await m.query(
      `UPDATE immunization SET cvx = $2, mvx = $3, lot_number = $4, occurrence_date = $5, dose_number = $6, performer = $7, status = $8,
         version = version + 1, updated_at = now() WHERE id = $1`,
      [id, next.cvx, next.mvx, next.lot_number, next.occurrence_date, next.dose_number, next.performer, next.status]);
    await this.history(ctx, 'immunization', id, personId, version + 1, d.old, d.apply);
    ctx.counts.updated++;
  }

  private async history(ctx: Ctx, type: 'person' | 'immunization', recordId: string, personId: string, version: number,
    oldValues: object | null, newValues: object): Promise<void> {
    await ctx.m.query(
      `INSERT INTO record_history (record_type, record_id, person_id, version, changed_by, changed_by_username, change_source, reason, old_values, new_values)
       VALUES ($1, $2, $3, $4, $5, $6, 'import', $7, $8::jsonb, $9::jsonb)`,
      [type, recordId, personId, version, ctx.actor?.staffId ?? null, ctx.actor?.username ?? null, `registry import (${ctx.source})`,
        oldValues ? JSON.stringify(oldValues) : null, JSON.stringify(newValues)]);
  }
}

class UnitRejected extends Error {}

/** Most characters of normalised given names plus family-name keys (aliases included) a resident may have. The
 * birth-date search index carries at most 640 of their trigrams (migration 1765152000000), so an index row stays
 * within PostgreSQL's 2,704 bytes whatever the names. */
export const MAX_NAME_CHARS = 1000;

/** A database refusal in words, without SQL or values (e.g. the constraint's name). */
function dbReason(err: unknown): string {
  const e = err as { constraint?: string; code?: string };
  if (e.constraint) return `constraint ${e.constraint}`;
  return e.code ? `database error ${e.code}` : 'unexpected error';
}
