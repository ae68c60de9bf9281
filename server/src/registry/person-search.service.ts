import { Injectable } from '@nestjs/common';
import type { PersonSearchDto, PersonSearchHit, PersonSearchResponse } from '@tessera/contracts';
import { parseSearch, TypedName, typedSurnameTokens, type SearchCriteria } from '@tessera/registry-core';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { scoreCandidate } from './person-scoring';
import {
  BIRTH_DATE_SHORTLIST, BIRTH_DATE_SHORTLIST_PAGING, PersonSearchRepository, type CandidateQuery, type CandidateRow,
} from './person-search.repository';

/** Surname-only searches: how many people may carry surnames like the one typed before we ask for more. */
export const BROAD_WITHOUT_GIVEN = 5_000;
export const BROAD_WITH_GIVEN = 20_000;
/** Weak name matches are dropped when the name is all we have. */
const MIN_NAME_SCORE_NAME_ONLY = 0.35;

/**
 * Finds residents: each search starts from an indexed anchor (registry id, phone, email, birth date; else similar
 * surnames from the distinct-surname table), scores the candidates and pages with a keyset cursor (score, id).
 * Every search is audited with what was asked for.
 */
@Injectable()
export class PersonSearchService {
  constructor(private readonly repo: PersonSearchRepository, private readonly audit: AuditService) {}

  async search(dto: PersonSearchDto): Promise<PersonSearchResponse> {
    const c = parseSearch(dto);
    if (c.problems.length > 0) {
      throw problem(400, 'Search not understood', c.problems.join('; '), { errors: [{ field: 'q', messages: c.problems }] });
    }
    const typed = new TypedName(c.family, c.given);
    const rows = await this.candidates(c, typed, dto);
    let hits = rows.map((r) => scoreCandidate(r, c, typed));
    if (!c.birthDate && !c.phone && !c.email && !c.registryId) hits = hits.filter((h) => (h.nameScore ?? 0) >= MIN_NAME_SCORE_NAME_ONLY);
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const after = decodeCursor(dto.cursor);
    if (after) hits = hits.filter((h) => h.score < after.score || (h.score === after.score && h.id > after.id));
    const limit = dto.limit ?? 20;
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    const response: PersonSearchResponse = {
      items: page.map(({ nameScore: _n, ...hit }): PersonSearchHit => hit),
      nextCursor: hits.length > limit && last ? encodeCursor(last.score, last.id) : null,
      understood: {
        name: [c.given, c.family].filter(Boolean).join(' ') || null, birthDate: c.birthDate, phone: c.phone, email: c.email,
        registryId: c.registryId,
      },
    };
    await this.audit.record({
      action: 'person.searched', target: { type: 'person_search', id: null },
      details: { criteria: response.understood, page: dto.cursor ? 'next' : 'first', results: page.length, candidates: rows.length },
    });
    return response;
  }

  private async candidates(c: SearchCriteria, typed: TypedName, dto: PersonSearchDto): Promise<CandidateRow[]> {
    const q: CandidateQuery = {
      family: c.family, given: c.given, birthDate: c.birthDate,
      birthDateSwapped: c.birthDateSwapped,
      phone: c.phone, email: c.email, registryId: c.registryId,
    };
    if (c.registryId) return this.repo.byRegistryId(q);
    if (c.phone) return this.repo.byPhone(q);
    if (c.email) return this.repo.byEmail(q);
    if (c.birthDate) {
      const shortlist = dto.cursor ? BIRTH_DATE_SHORTLIST_PAGING : Math.max(BIRTH_DATE_SHORTLIST, (dto.limit ?? 20) + 5);
      const words = typed.allWords();
      return this.repo.byBirthDate(q, words.length > 0 ? words : null, shortlist);
    }
    if (!c.family) {
      throw problem(400, 'Nothing to search for', 'Enter a name, a birth date, a phone number, an email address or a registry id.');
    }
    if (c.family.replace(/\s/g, '').length < 3) {
      throw tooBroad('A family name of at least three letters is needed, or add a birth date, phone number or email.');
    }
    const tokens = typedSurnameTokens(c.family);
    const similar = await Promise.all(tokens.map((t) => this.repo.similarSurnames(t)));
    if (similar.some((s) => s.length === 0)) return [];
    // Every part must match, so the rarest part bounds how many people can come back.
    const people = Math.min(...similar.map((s) => s.reduce((n, x) => n + x.persons, 0)));
    if (!c.given && people > BROAD_WITHOUT_GIVEN) {
      throw tooBroad(`About ${people.toLocaleString('en-US')} people have a surname like "${c.family}". Add a given name, a birth date or a phone number.`);
    }
    if (people > BROAD_WITH_GIVEN) {
      throw tooBroad(`About ${people.toLocaleString('en-US')} people have a surname like "${c.family}". Add a birth date or a phone number.`);
    }
    return this.repo.bySurnames(q, similar);
  }
}

function tooBroad(detail: string) {
  return problem(422, 'Search too broad', detail);
}

function encodeCursor(score: number, id: string): string {
  return Buffer.from(JSON.stringify([score, id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { score: number; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return { score: v[0], id: v[1] };
  } catch {
    // fall through
  }
  throw problem(400, 'Invalid cursor', 'The paging cursor is not valid; start the search again.');
}
