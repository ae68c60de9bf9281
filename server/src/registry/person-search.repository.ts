import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One candidate with the raw match signals; the service scores and explains it. */
export interface CandidateRow {
  id: string;
  given_names: string;
  family_name: string;
  birth_date: string;
  city: string | null;
  phones: string[];
  fam_sim: number | null;
  fam_primary_sim: number | null;
  giv_sim: number | null;
  swap_sim: number | null;
  date_match: 'exact' | 'swapped' | null;
  phone_match: boolean;
  email_match: boolean;
  registry_match: boolean;
}

export interface CandidateQuery {
  family: string | null;
  given: string | null;
  dates: string[];
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
/** The shortlist when paging on: every candidate a few pages down. */
export const BIRTH_DATE_SHORTLIST_PAGING = 100;
/** Surname searches read the full rows of this many best-ranked candidates (more is a search to narrow down). */
export const SURNAME_CANDIDATES = 200;

const SIGNALS = `
  p.id, p.given_names, p.family_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.city, p.phones,
  CASE WHEN $1::text IS NULL THEN NULL ELSE (SELECT max(similarity(k, $1::text)) FROM unnest(p.name_keys) k) END AS fam_sim,
  CASE WHEN $1::text IS NULL THEN NULL ELSE similarity(p.family_norm, $1::text) END AS fam_primary_sim,
  CASE WHEN $2::text IS NULL THEN NULL ELSE word_similarity($2::text, p.given_norm) END AS giv_sim,
  CASE WHEN $1::text IS NULL OR $2::text IS NULL THEN NULL
       ELSE (similarity(p.given_norm, $1::text) + (SELECT max(similarity(k, $2::text)) FROM unnest(p.name_keys) k)) / 2 END AS swap_sim,
  CASE WHEN $4::date IS NULL THEN NULL WHEN p.birth_date = $4::date THEN 'exact'
       WHEN p.birth_date = ANY($3::date[]) THEN 'swapped' END AS date_match,
  ($5::text IS NOT NULL AND p.phones @> ARRAY[$5::text]) AS phone_match,
  ($6::text IS NOT NULL AND p.emails @> ARRAY[$6::text]) AS email_match,
  ($7::text IS NOT NULL AND p.registry_id = $7::text) AS registry_match`;

/** The only place that builds person-search SQL. Each strategy starts from an indexed anchor. */
@Injectable()
export class PersonSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  private params(q: CandidateQuery): unknown[] {
    return [q.family, q.given, q.dates, q.birthDate, q.phone, q.email, q.registryId];
  }

  byRegistryId(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.dataSource.query(`SELECT ${SIGNALS} FROM person p WHERE p.registry_id = $7::text`, this.params(q));
  }

  byPhone(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.dataSource.query(`SELECT ${SIGNALS} FROM person p WHERE p.phones @> ARRAY[$5::text] LIMIT ${CANDIDATE_CAP}`, this.params(q));
  }

  byEmail(q: CandidateQuery): Promise<CandidateRow[]> {
    return this.dataSource.query(`SELECT ${SIGNALS} FROM person p WHERE p.emails @> ARRAY[$6::text] LIMIT ${CANDIDATE_CAP}`, this.params(q));
  }

  /** Filter by the birth date (and its day/month swap), rank by similarity: no `%` operator here (it misleads the planner). */
  byBirthDate(q: CandidateQuery, shortlist = BIRTH_DATE_SHORTLIST): Promise<CandidateRow[]> {
    if (!q.family && !q.given) {
      return this.dataSource.query(`SELECT ${SIGNALS} FROM person p WHERE p.birth_date = ANY($3::date[]) LIMIT ${CANDIDATE_CAP}`, this.params(q));
    }
    // With a name: shortlist the people born that day (and on the swapped date) by one trigram similarity of the
    // typed words against all their name words (order-free, so a given/family swap ranks the same), and compute the
    // full signals for the shortlist only: they cost four similarity() calls a row, most of the query's time.
    return this.dataSource.query(
      `WITH top AS (
         SELECT c.id FROM person c WHERE c.birth_date = ANY($3::date[])
          ORDER BY similarity(c.given_norm || ' ' || array_to_string(c.name_keys, ' '), $8::text) DESC, c.id
          LIMIT $9
       )
       SELECT ${SIGNALS} FROM top JOIN person p ON p.id = top.id`,
      [...this.params(q), [q.given, q.family].filter(Boolean).join(' '), shortlist],
    );
  }

  /** Surnames like one typed word, from the distinct-surname table (trigram GIN), with how many persons carry each. */
  async similarSurnames(token: string, limit = 8): Promise<{ nameKey: string; persons: number; similarity: number }[]> {
    const rows: { name_key: string; persons: number; sim: number }[] = await this.dataSource.query(
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
    return this.dataSource.query(
      `WITH m AS (
         SELECT k.person_id, k.given_norm, w.part, w.sim
           FROM unnest($8::text[], $9::real[], $10::int[]) w(key, sim, part)
           JOIN person_name_key k ON k.name_key = w.key
       ), best AS (
         SELECT person_id, min(given_norm) AS given_norm, sum(sim) / $11 AS fam
           FROM (SELECT person_id, part, max(given_norm) AS given_norm, max(sim) AS sim FROM m GROUP BY person_id, part) per_part
          GROUP BY person_id HAVING count(*) = $11
       ), top AS (
         SELECT person_id FROM best
          ORDER BY fam + CASE WHEN $2::text IS NULL THEN 0 ELSE word_similarity($2::text, given_norm) END DESC, person_id
          LIMIT ${SURNAME_CANDIDATES}
       )
       SELECT ${SIGNALS} FROM top JOIN person p ON p.id = top.person_id`,
      [...this.params(q), keys, sims, part, sets.length],
    );
  }
}
