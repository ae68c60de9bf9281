import type { PersonResponse, PersonSearchResponse } from '@tessera/contracts';
import { TypedName, trigramSet } from '@tessera/registry-core';
import { seedResidents } from '../src/registry/seed/seed-residents';
import { createEnrolledStaff, signIn, startTestApp, type ApiClient, type TestApp } from './harness';

interface Row { id: string; given_names: string; family_name: string; birth_date: string; phones: string[]; emails: string[]; registry_id: string; aliases: { family: string; kind: string }[] }

/** Relevance and behaviour of person search on a fixed, seeded set of residents. */
describe('person search and the person view', () => {
  let t: TestApp;
  let officer: ApiClient;
  let agent: ApiClient;
  let people: Row[];

  beforeAll(async () => {
    t = await startTestApp();
    await seedResidents(t.databaseUrl, { persons: 3000, seed: 7 });
    officer = (await signIn(t, await createEnrolledStaff(t, 'search.officer', ['records_officer']))).client;
    agent = (await signIn(t, await createEnrolledStaff(t, 'search.agent', ['helpdesk_agent']))).client;
    people = await t.sql<Row>(`SELECT id, given_names, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phones, emails, registry_id, aliases
      FROM person WHERE NOT deceased AND length(family_name) >= 5 AND family_name !~ '[ -]' ORDER BY registry_id LIMIT 60`);
  });
  afterAll(() => t.close());

  const search = async (c: ApiClient, params: Record<string, string>) => {
    const res = await c.get(`/api/v1/persons/search?${new URLSearchParams(params).toString()}`);
    return res;
  };
  const top3 = async (params: Record<string, string>) => ((await search(officer, params)).body as PersonSearchResponse).items.slice(0, 3).map((h) => h.id);
  const first = (s: string) => s.split(' ')[0]!;
  const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

  it('finds people despite realistic misspellings, with a birth date (top 3)', async () => {
    const misses: string[] = [];
    for (const [i, p] of people.slice(0, 40).entries()) {
      const fam = p.family_name, giv = first(p.given_names);
      const variants = [
        `${giv} ${fam.slice(0, 2)}${fam[3]}${fam[2]}${fam.slice(4)} ${p.birth_date}`, // transposed letters
        `${giv} ${fam.slice(0, -1)} ${usDate(p.birth_date)}`, // dropped last letter
        `${giv.toUpperCase()} ${fam.toLowerCase()} ${p.birth_date}`, // case
        `${fam}, ${giv} ${p.birth_date}`, // family first
        `${fam} ${giv} ${p.birth_date}`, // given and family swapped
      ];
      for (const q of variants) if (!(await top3({ q })).includes(p.id)) misses.push(`#${i} ${q}`);
    }
    expect(misses).toEqual([]);
  });

  it('matches a birth date with day and month swapped, and says so', async () => {
    const p = people.find((x) => Number(x.birth_date.slice(8)) <= 12 && x.birth_date.slice(5, 7) !== x.birth_date.slice(8))!;
    const swapped = `${p.birth_date.slice(0, 4)}-${p.birth_date.slice(8)}-${p.birth_date.slice(5, 7)}`;
    const body = (await search(officer, { q: `${first(p.given_names)} ${p.family_name} ${swapped}` })).body as PersonSearchResponse;
    const hit = body.items.find((h) => h.id === p.id)!;
    expect(hit.reasons).toContainEqual({ field: 'birth_date', kind: 'day_month_swapped' });
    expect(hit.explanation).toContain('day and month swapped');
  });

  it('finds by phone in any format, by email in any case and by registry id, listing only what is needed to pick', async () => {
    const p = people.find((x) => x.phones.length > 0 && x.emails.length > 0)!;
    const phone = p.phones[0]!;
    const pretty = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    expect(await top3({ phone: pretty })).toContain(p.id);
    expect(await top3({ q: p.emails[0]!.toUpperCase() })).toContain(p.id);
    const byId = (await search(officer, { registryId: p.registry_id.toLowerCase() })).body as PersonSearchResponse;
    expect(byId.items.map((h) => h.id)).toEqual([p.id]);
    expect(Object.keys(byId.items[0]!).sort()).toEqual(['birthDate', 'explanation', 'id', 'name', 'phoneLast4', 'reasons', 'score', 'town']);
    expect(byId.items[0]!.phoneLast4).toMatch(/^\d{4}$/);
    expect(byId.items[0]!.explanation).toBe('registry id exact');
  });

  it('finds a person by a maiden name', async () => {
    const [w] = await t.sql<Row>(`SELECT id, given_names, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, aliases, phones, emails, registry_id
      FROM person WHERE aliases @> '[{"kind":"maiden"}]' LIMIT 1`);
    const maiden = w!.aliases.find((a) => a.kind === 'maiden')!.family;
    const body = (await search(officer, { q: `${first(w!.given_names)} ${maiden} ${w!.birth_date}` })).body as PersonSearchResponse;
    const hit = body.items.find((h) => h.id === w!.id);
    expect(hit?.reasons.map((r) => r.field)).toContain('alias');
  });

  it('refuses searches too broad to be useful, saying what to add', async () => {
    await t.sql(`INSERT INTO person (registry_id, given_names, family_name, birth_date, sex, family_norm, given_norm, name_keys, source)
      SELECT 'ZZ' || lpad(g::text, 9, '0'), CASE WHEN g = 1 THEN 'Quentin' ELSE 'Ann' END, 'Broadname', date '1950-01-01' + g, 'F',
             'broadname', CASE WHEN g = 1 THEN 'quentin' ELSE 'ann' END, '{broadname}', 'test'
        FROM generate_series(1, 5200) g`);
    await t.sql(`INSERT INTO person_name_key (name_key, person_id, given_norm) SELECT 'broadname', id, given_norm FROM person WHERE family_norm = 'broadname'`);
    await t.sql(`INSERT INTO surname (name_key, persons) VALUES ('broadname', 5200)`);
    const broad = await search(officer, { q: 'Broadnane' });
    expect(broad.status).toBe(422);
    expect(broad.body.detail).toMatch(/About 5,200 people have a surname like "broadnane". Add a given name, a birth date or a phone number./);
    const narrowed = (await search(officer, { q: 'Quentin Broadname' })).body as PersonSearchResponse;
    expect(narrowed.items[0]!.name).toBe('Quentin Broadname');
    expect((await search(officer, { q: 'xy' })).body.detail).toMatch(/at least three letters/);
    expect((await search(officer, {})).status).toBe(400);
    expect((await search(officer, { q: 'smith 31/31/1980' })).body.detail).toContain('is not a date');
  });

  it('with a name and a birth date, lists only people born that day whose names are alike; the date alone lists everyone', async () => {
    const p = people[1]!;
    const everyone = (await search(officer, { birthDate: p.birth_date, limit: '50' })).body as PersonSearchResponse;
    const named = (await search(officer, { q: `${first(p.given_names)} ${p.family_name} ${p.birth_date}`, limit: '50' })).body as PersonSearchResponse;
    const stranger = (await search(officer, { q: `Xqzw Vvyjkb ${p.birth_date}` })).body as PersonSearchResponse;
    expect(everyone.items.map((h) => h.id)).toContain(p.id);
    expect(named.items[0]!.id).toBe(p.id);
    expect(named.items.length).toBeLessThanOrEqual(everyone.items.length);
    expect(stranger.items).toEqual([]);
    expect(stranger.understood).toMatchObject({ name: 'xqzw vvyjkb', birthDate: p.birth_date });
  });

  it('pages with a keyset cursor without repeating or skipping anyone', async () => {
    const p = people[0]!;
    const all = (await search(officer, { birthDate: p.birth_date, limit: '50' })).body as PersonSearchResponse;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PersonSearchResponse = (await search(officer, { birthDate: p.birth_date, limit: '1', ...(cursor ? { cursor } : {}) })).body;
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((h) => h.id));
    expect((await search(officer, { birthDate: p.birth_date, cursor: 'garbage' })).status).toBe(400);
  });

  it('computes the same name similarities in the server as pg_trgm, and the same trigram sets as the index column', async () => {
    type Names = { given_norm: string; family_norm: string; name_keys: string[]; name_trigrams: number[] };
    const rows = await t.sql<Names>('SELECT given_norm, family_norm, name_keys, name_trigrams FROM person ORDER BY registry_id LIMIT 300');
    const mangle = (w: string, i: number) => (w.length < 4 ? w : [w.slice(1), w.slice(0, 2) + w.slice(3), `${w}e`, w.slice(0, -2) + w.slice(-1) + w.slice(-2, -1)][i % 4]!);
    let compared = 0;
    for (const [i, r] of rows.entries()) {
      expect(r.name_trigrams).toEqual(Array.from(trigramSet(`${r.given_norm} ${r.name_keys.join(' ')}`)));
      const other = rows[(i * 7 + 3) % rows.length]!;
      const typedFamily = mangle(i % 5 === 0 ? other.family_norm : r.family_norm, i);
      const typedGiven = i % 3 === 0 ? null : mangle(r.given_norm.split(' ')[0]!, i + 1);
      const [pg] = await t.sql<{ fam: number; primary: number; giv: number | null; swap: number | null }>(
        `SELECT (SELECT max(similarity(k, $1)) FROM unnest($4::text[]) k) AS fam, similarity($3, $1) AS primary,
                CASE WHEN $2::text IS NULL THEN NULL ELSE word_similarity($2, $5) END AS giv,
                CASE WHEN $2::text IS NULL THEN NULL ELSE (similarity($5, $1) + (SELECT max(similarity(k, $2)) FROM unnest($4::text[]) k)) / 2 END AS swap`,
        [typedFamily, typedGiven, r.family_norm, r.name_keys, r.given_norm]);
      const mine = new TypedName(typedFamily, typedGiven).signals({ givenNorm: r.given_norm, familyNorm: r.family_norm, nameKeys: r.name_keys });
      // PostgreSQL prints a real in the fewest digits that read back as the same float4
      const f4 = (v: number | null) => (v === null ? null : Math.fround(Number(v)));
      expect([mine.family, mine.familyPrimary, mine.given, mine.swapped]).toEqual([f4(pg!.fam), f4(pg!.primary), f4(pg!.giv), f4(pg!.swap)]);
      compared++;
    }
    expect(compared).toBe(300);
  });

  it('audits every search with what was asked for', async () => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.searched'`);
    await search(agent, { q: 'Zzyzx 1990-01-02' });
    const [last] = await t.sql<{ actor_username: string; details: { criteria: { birthDate: string; name: string } } }>(
      `SELECT actor_username, details FROM audit_event WHERE action = 'person.searched' ORDER BY seq DESC LIMIT 1`);
    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'person.searched'`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expect(last!.actor_username).toBe('search.agent');
    expect(last!.details.criteria).toMatchObject({ birthDate: '1990-01-02', name: 'zzyzx' });
  });

  it('opens a record only with a purpose, audits the view with it, and shows the immunization history', async () => {
    const p = people[1]!;
    expect((await officer.get(`/api/v1/persons/${p.id}`)).status).toBe(400);
    expect((await officer.get(`/api/v1/persons/${p.id}?purpose=support_case`)).status).toBe(400); // case number required
    const res = await officer.get(`/api/v1/persons/${p.id}?purpose=support_case&caseNumber=CASE-1234`);
    expect(res.status).toBe(200);
    const person = res.body as PersonResponse;
    expect(person).toMatchObject({ id: p.id, registryId: p.registry_id, familyName: p.family_name, birthDate: p.birth_date });
    const [imms] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM immunization WHERE person_id = $1', [p.id]);
    expect(person.immunizations).toHaveLength(imms!.n);
    const [view] = await t.sql<{ target_id: string; details: { purpose: string; caseNumber: string }; actor_username: string }>(
      `SELECT target_id, details, actor_username FROM audit_event WHERE action = 'person.viewed' ORDER BY seq DESC LIMIT 1`);
    expect(view).toMatchObject({ target_id: p.id, actor_username: 'search.officer', details: { purpose: 'support_case', caseNumber: 'CASE-1234' } });
    expect((await officer.get(`/api/v1/persons/00000000-0000-4000-8000-000000000000?purpose=card_request`)).status).toBe(404);
  });
});
