import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';

/** One candidate with the raw match signals; the service scores and explains it. */
export interface CandidateRow {
  id: string;
  given_names: string;
  family_name: string;
  /** YYYY-MM-DD (JSON carries a date in ISO form whatever the server's DateStyle) */
  birth_date: string;
  city: string | null;
  /** Only the last four digits of the first phone number leave the database (all a result list shows). */
  phone_last4: string | null;
  given_norm: string;
  family_norm: string;
  name_keys: string[];
  date_match: 'exact' | 'swapped' | null;
  phone_match: boolean;
  email_match: boolean;
  registry_match: boolean;
}

export interface CandidateQuery {
  family: string | null;
  given: string | null;
  /** The birth date with day and month swapped, when that is another date. */
  birthDateSwapped: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  registryId: string | null;
}

/** Upper bound of candidates scored per search. */
export const CANDIDATE_CAP = 1000;
/** Birth date + name searches compute the full signals for this many people born that day, best-named first (at
 * least: the service asks for more for a bigger page or a next page). */
export const BIRTH_DATE_SHORTLIST = 25;
/** With a name, a birth-date search lists only people whose names share at least this part of their trigrams with
 * the typed words (Jaccard over all name words: the right person with typos scores 0.26 and up, the ~100 others
 * born the same day 0.1 and up for about 3 of them). The others born that day are not plausible matches, and
 * listing them would show staff residents they did not look for (minimum necessary); searching by the birth date
 * alone lists everyone born that day. */
export const BIRTH_DATE_NAME_FLOOR = 0.1;
/** The shortlist when paging on: every candidate a few pages down. */
export const BIRTH_DATE_SHORTLIST_PAGING = 100;
/** Surname searches read the full rows of this many best-ranked candidates (more is a search to narrow down). */
export const SURNAME_CANDIDATES = 200;

/** What scoring needs of a candidate: the exact-match signals here, the name similarities from the normalised names
 * in the server (libs/registry-core name-signals: pg_trgm's similarity in TypeScript, off the database's CPU). */
const SIGNALS = `
  p.id, p.given_names, p.family_name, p.birth_date, p.city, right(p.phones[1], 4) AS phone_last4,
  p.given_norm, p.family_norm, p.name_keys,
  CASE WHEN $1::date IS NULL THEN NULL WHEN p.birth_date = $1::date THEN 'exact'
       WHEN p.birth_date = $2::date THEN 'swapped' END AS date_match,
  ($3::text IS NOT NULL AND p.phones @> ARRAY[$3::text]) AS phone_match,
  ($4::text IS NOT NULL AND p.emails @> ARRAY[$4::text]) AS email_match,
  ($5::text IS NOT NULL AND p.registry_id = $5::text) AS registry_match`;

/** The only place that builds person-search SQL. Each strategy starts from an indexed anchor. */
@Injectable()
export class PersonSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every search statement is one of a fixed set of texts: prepared, so PostgreSQL does not plan it on every call. */
  private run<T>(text: string, values: unknown[]): Promise<T[]> {
    return queryPrepared<T>(this.dataSource, text, values);
  }

  /** Candidate rows come back as one JSON array (one value to parse instead of 13 typed fields a row: a third less
   * of the server's CPU for a 25-row answer). */
  private async candidates(text: string, values: unknown[]): Promise<CandidateRow[]> {
    const [result] = await this.run<{ rows: CandidateRow[] | null }>(`SELECT json_agg(c) AS rows FROM (${text}) c`, values);
    return result?.rows ?? [];
  }

  private params(q: CandidateQuery): unknown[] {
    return [q.birthDate, q.birthDateSwapped, q.phone, q.email, q.registryId];
  }

  byRegistryId(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.candidates(`SELECT ${SIGNALS} FROM person p WHERE p.registry_id = $5::text`, this.params(q));
  }

  byPhone(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.candidates(`SELECT ${SIGNALS} FROM person p WHERE p.phones @> ARRAY[$3::text] LIMIT ${CANDIDATE_CAP}`, this.params(q));
  }

  byEmail(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.candidates(`SELECT ${SIGNALS} FROM person p WHERE p.emails @> ARRAY[$4::text] LIMIT ${CANDIDATE_CAP}`, this.params(q));
  }

  /**
   * Filter by the birth date (and its day/month swap), rank by similarity: no `%` operator here (it misleads the
   * planner). With a name (`typedTrigrams`: the trigram set of all typed words, TypedName.allWords), the people born
   * that day are shortlisted by the trigram similarity of the typed words against all their name words (order-free,
   * so a given/family swap ranks the same), from the trigram sets the birth-date index carries (person.name_trigrams,
   * migration 1765152000000): an index-only scan. Only the shortlist's rows, with names at least
   * BIRTH_DATE_NAME_FLOOR alike, are read. `typedTrigrams` must not be empty.
   */
  byBirthDate(q: CandidateQuery, typedTrigrams: number[] | null, shortlist = BIRTH_DATE_SHORTLIST): Promise<CandidateRow[]> {
    if (!typedTrigrams) {
      return this.candidates(`SELECT ${SIGNALS} FROM person p WHERE p.birth_date = ANY(ARRAY[$1::date, $2::date]) LIMIT ${CANDIDATE_CAP}`, this.params(q));
    }
    // The shared-trigram count is computed once per row (OFFSET 0 keeps the subquery from being folded back in).
    return this.candidates(
      `WITH top AS (
         SELECT c.id FROM person c
          CROSS JOIN LATERAL (SELECT icount(c.name_trigrams & $6::int[]) AS shared OFFSET 0) s
          WHERE c.birth_date = ANY(ARRAY[$1::date, $2::date])
            AND s.shared::real / (icount(c.name_trigrams) + $8::int - s.shared) >= ${BIRTH_DATE_NAME_FLOOR}
          ORDER BY s.shared::real / (icount(c.name_trigrams) + $8::int - s.shared) DESC, c.id
          LIMIT $7
       )
       SELECT ${SIGNALS} FROM top JOIN person p ON p.id = top.id`,
      [...this.params(q), typedTrigrams, shortlist, typedTrigrams.length],
    );
  }

  /** Surnames like one typed word, from the distinct-surname table (trigram GIN), with how many persons carry each. */
  async similarSurnames(token: string, limit = 8): Promise<{ nameKey: string; persons: number; similarity: number }[]> {
    const rows: { name_key: string; persons: number; sim: number }[] = await this.run(
      `SELECT name_key, persons, similarity(name_key, $1) AS sim FROM surname
        WHERE name_key % $1 ORDER BY sim DESC, persons DESC LIMIT $2`,
      [token, limit],
    );
    return rows.map((r) => ({ nameKey: r.name_key, persons: r.persons, similarity: Number(r.sim) }));
  }

  /**
   * Persons carrying, for every typed surname word, one of the surnames like it (a compound name must match each
   * part). Candidates are ranked from person_name_key alone (surname word similarity + given name), an index-only
   * scan over contiguous pages; only the best SURNAME_CANDIDATES persons' rows are read for the full signals.
   */
  bySurnames(q: CandidateQuery, sets: { nameKey: string; similarity: number }[][]): Promise<CandidateRow[]> {
    const keys: string[] = [], sims: number[] = [], part: number[] = [];
    sets.forEach((set, i) => set.forEach((s) => {
      keys.push(s.nameKey);
      sims.push(s.similarity);
      part.push(i);
    }));
    return this.candidates(
      `WITH m AS (
         SELECT k.person_id, k.given_norm, w.part, w.sim
           FROM unnest($7::text[], $8::real[], $9::int[]) w(key, sim, part)
           JOIN person_name_key k ON k.name_key = w.key
       ), best AS (
         SELECT person_id, min(given_norm) AS given_norm, sum(sim) / $10 AS fam
           FROM (SELECT person_id, part, max(given_norm) AS given_norm, max(sim) AS sim FROM m GROUP BY person_id, part) per_part
          GROUP BY person_id HAVING count(*) = $10
       ), top AS (
         SELECT person_id FROM best
          ORDER BY fam + CASE WHEN $6::text IS NULL THEN 0 ELSE word_similarity($6::text, given_norm) END DESC, person_id
          LIMIT ${SURNAME_CANDIDATES}
       )
       SELECT ${SIGNALS} FROM top JOIN person p ON p.id = top.person_id`,
      [...this.params(q), q.given, keys, sims, part, sets.length],
    );
  }
}
