import { AliasTable } from './alias';
import { DOUBLE_GIVEN_FEMALE } from './data/given-female';
import { GIVEN_FEMALE } from './data/given-female';
import { DOUBLE_GIVEN_MALE, GIVEN_MALE } from './data/given-male';
import { GROUP_GIVEN, NICKNAMES, SUFFIXES } from './data/given-groups';
import { HISPANIC_PARTICLE_SURNAMES, SURNAME_MULTIPLIERS, SURNAMES_NE } from './data/surnames-ne';
import { SURNAMES_US } from './data/surnames-us';
import { type Rng } from './prng';
import { nameEntry, parseEraWeighted, parseWeighted, type NameEntry } from './tables';

/** How often an accented spelling is recorded with its accents (registries often drop them). */
const KEEP_ACCENTS = 0.5;
const HYPHENATED = 0.034;
const HISPANIC_COMPOUND = 0.16;
const MIDDLE_NAME = 0.08;
const DOUBLE_GIVEN = 0.02;
const SUFFIX = 0.022;

// ---- surnames ------------------------------------------------------------------------------------------------

const surnameWeights = new Map<string, { weight: number; group: string }>();
for (const [name, weight, group] of [...parseWeighted(SURNAMES_US), ...parseWeighted(SURNAMES_NE)]) {
  const prev = surnameWeights.get(name);
  surnameWeights.set(name, { weight: (prev?.weight ?? 0) + weight, group: prev?.group || group });
}
for (const [name, factor] of parseWeighted(SURNAME_MULTIPLIERS)) {
  const prev = surnameWeights.get(name);
  if (!prev) throw new Error(`surname multiplier for unknown surname ${name}`);
  prev.weight *= factor;
}
const SURNAME_ENTRIES = [...surnameWeights].map(([name, v]) => nameEntry(name, v.group));
const SURNAME_W = [...surnameWeights.values()].map((v) => v.weight);
/** Number of distinct surnames in the tables. */
export const SURNAME_COUNT = SURNAME_ENTRIES.length;
const SURNAMES = new AliasTable(SURNAME_ENTRIES, SURNAME_W);
const SURNAMES_BY_GROUP = new Map<string, AliasTable<NameEntry>>();
for (const g of new Set(SURNAME_ENTRIES.map((e) => e.group))) {
  if (!g) continue;
  const idx = SURNAME_ENTRIES.map((e, i) => (e.group === g ? i : -1)).filter((i) => i >= 0);
  SURNAMES_BY_GROUP.set(g, new AliasTable(idx.map((i) => SURNAME_ENTRIES[i] as NameEntry), idx.map((i) => SURNAME_W[i] as number)));
}
const PARTICLE_SURNAMES = HISPANIC_PARTICLE_SURNAMES.map((n) => nameEntry(n, 'h'));

/** A family name as recorded, with its e-mail key and heritage group. */
export interface FamilyName {
  readonly display: string;
  readonly key: string;
  readonly group: string;
}

function render(e: NameEntry, rng: Rng): string {
  return e.accented && !rng.chance(KEEP_ACCENTS) ? e.plain : e.display;
}

function surnameOf(group: string, rng: Rng): NameEntry {
  return (group ? SURNAMES_BY_GROUP.get(group) : undefined)?.sample(rng) ?? SURNAMES.sample(rng);
}

function otherSurname(not: NameEntry, group: string, rng: Rng): NameEntry {
  for (let i = 0; i < 8; i++) {
    const e = surnameOf(group, rng);
    if (e.plain !== not.plain) return e;
  }
  return SURNAMES.sample(rng);
}

/** A household's family name: census-weighted, with hyphenated (~3.5%) and Hispanic compound (~2%) names. */
export function familyName(rng: Rng): FamilyName {
  const e = SURNAMES.sample(rng);
  const r = rng.next();
  if (e.group === 'h' && r < HISPANIC_COMPOUND) {
    if (rng.chance(0.35)) {
      const p = rng.pick(PARTICLE_SURNAMES);
      return { display: render(p, rng), key: p.key, group: 'h' };
    }
    const second = otherSurname(e, 'h', rng);
    return { display: `${render(e, rng)} ${render(second, rng)}`, key: e.key + second.key, group: 'h' };
  }
  if (rng.chance(HYPHENATED)) {
    const second = otherSurname(e, e.group, rng);
    return { display: `${render(e, rng)}-${render(second, rng)}`, key: e.key + second.key, group: e.group };
  }
  return { display: render(e, rng), key: e.key, group: e.group };
}

/** Someone's own surname (a maiden name, a roommate's), plain and from the same heritage group most of the time. */
export function personalSurname(group: string, rng: Rng, not?: FamilyName): FamilyName {
  const g = group && rng.chance(0.75) ? group : '';
  for (let i = 0; i < 8; i++) {
    const e = surnameOf(g, rng);
    if (!not || e.key !== not.key) return { display: render(e, rng), key: e.key, group: e.group };
  }
  return familyName(rng);
}

/** "Maiden-Married" for the few women who hyphenate on marriage. */
export function hyphenate(a: FamilyName, b: FamilyName): FamilyName {
  return { display: `${a.display}-${b.display}`, key: a.key + b.key, group: b.group };
}

// ---- given names ----------------------------------------------------------------------------------------------

function eraTables(text: string): AliasTable<NameEntry>[] {
  const rows = parseEraWeighted(text);
  const entries = rows.map(([n]) => nameEntry(n));
  return [0, 1, 2, 3, 4].map((era) => new AliasTable(entries, rows.map(([, w]) => w[era] as number)));
}
const GIVEN: Record<'F' | 'M', AliasTable<NameEntry>[]> = { F: eraTables(GIVEN_FEMALE), M: eraTables(GIVEN_MALE) };
export const GIVEN_COUNTS = { F: GIVEN.F[0]?.size ?? 0, M: GIVEN.M[0]?.size ?? 0 };

const GROUP_TABLES = new Map<string, Record<'F' | 'M', AliasTable<NameEntry>>>();
for (const [g, lists] of Object.entries(GROUP_GIVEN)) {
  const table = (text: string): AliasTable<NameEntry> => {
    const rows = parseWeighted(text);
    return new AliasTable(rows.map(([n]) => nameEntry(n, g)), rows.map(([, w]) => w));
  };
  GROUP_TABLES.set(g, { F: table(lists.F), M: table(lists.M) });
}

const MIDDLES = {
  F: ['Ann', 'Marie', 'Lynn', 'Elizabeth', 'Rose', 'Jean', 'Louise', 'Mae', 'Jane', 'Grace', 'Michelle', 'Nicole'].map((n) => nameEntry(n)),
  M: ['James', 'Michael', 'Joseph', 'John', 'Paul', 'Lee', 'Allen', 'Edward', 'Thomas', 'William', 'David', 'Robert'].map((n) => nameEntry(n)),
};
const DOUBLES = { F: DOUBLE_GIVEN_FEMALE.map((n) => nameEntry(n)), M: DOUBLE_GIVEN_MALE.map((n) => nameEntry(n)) };

function eraOf(birthYear: number): number {
  return birthYear <= 1944 ? 0 : birthYear <= 1964 ? 1 : birthYear <= 1984 ? 2 : birthYear <= 2004 ? 3 : 4;
}

/** How likely someone with a heritage-group surname carries a given name from that group's pool. */
function groupShare(group: string, birthYear: number): number {
  const base = group === 'c' || group === 'k' ? 0.4 : 0.68;
  return birthYear >= 2000 ? base * 0.7 : base;
}

export interface GivenName {
  /** Recorded given name(s), e.g. "Mary Ann". */
  readonly display: string;
  /** Lower-case ASCII key of the first given name, for e-mails. */
  readonly key: string;
  /** Lower-case ASCII initial of the middle name, or ''. */
  readonly middleInitial: string;
  /** The first given name's table entry (for nicknames). */
  readonly first: NameEntry;
}

export function givenName(rng: Rng, sex: 'F' | 'M', birthYear: number, group: string): GivenName {
  const jittered = birthYear + rng.range(-4, 4);
  const groupTable = group ? GROUP_TABLES.get(group) : undefined;
  if (groupTable && rng.chance(groupShare(group, birthYear))) {
    const e = groupTable[sex].sample(rng);
    return { display: render(e, rng), key: e.key, middleInitial: '', first: e };
  }
  if (birthYear < 1990 && rng.chance(sex === 'F' ? DOUBLE_GIVEN : DOUBLE_GIVEN / 2)) {
    const e = rng.pick(DOUBLES[sex]);
    const [first, second] = e.plain.toLowerCase().split(' ');
    return { display: e.display, key: first ?? e.key, middleInitial: second?.[0] ?? '', first: e };
  }
  const table = GIVEN[sex][eraOf(jittered)] as AliasTable<NameEntry>;
  const e = table.sample(rng);
  const first = render(e, rng);
  if (rng.chance(MIDDLE_NAME)) {
    let m = rng.chance(0.5) ? rng.pick(MIDDLES[sex]) : table.sample(rng);
    if (m.plain === e.plain) m = rng.pick(MIDDLES[sex]);
    if (m.plain !== e.plain) return { display: `${first} ${render(m, rng)}`, key: e.key, middleInitial: m.key.slice(0, 1), first: e };
  }
  return { display: first, key: e.key, middleInitial: '', first: e };
}

/** A nickname for the given name, if it has one. */
export function nicknameOf(first: NameEntry, rng: Rng): string | null {
  const list = NICKNAMES[first.display] ?? NICKNAMES[first.plain];
  return list ? rng.pick(list) : null;
}

const SUFFIX_TABLE = new AliasTable(SUFFIXES.map((s) => s[0]), SUFFIXES.map((s) => s[1]));
export function suffixFor(rng: Rng): string | null {
  return rng.chance(SUFFIX) ? SUFFIX_TABLE.sample(rng) : null;
}
