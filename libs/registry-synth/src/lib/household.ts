import { AliasTable } from './alias';
import { familyName, hyphenate, personalSurname, type FamilyName } from './names';
import { familyEmail, phoneNumber, pickPlace, streetLine, type Place } from './places';
import { Rng } from './prng';

/**
 * Households are carved out of fixed blocks of consecutive indices, so the household of any index is a pure function
 * of (seed, block): a resumed or split run rebuilds exactly the same households. Within a block, sizes (1-5) are
 * drawn from a stream keyed by the block number; each household is then built from a stream keyed by its first index.
 */
export const BLOCK_SIZE = 16;
const SALT_BLOCK = 0xb10c;
const SALT_HOUSEHOLD = 0x4a0e;

export type Role = 'single' | 'head' | 'partner' | 'child' | 'adult-child' | 'grandparent' | 'roommate';

export interface Household {
  readonly place: Place;
  readonly zip: string;
  readonly line: string;
  /** A landline-like number every member may list. */
  readonly landline: string | null;
  /** An address the couple shares, if any. */
  readonly sharedEmail: string | null;
}

export interface Member {
  readonly household: Household;
  readonly role: Role;
  readonly sex: 'F' | 'M';
  /** Day number of birth. */
  readonly birthDay: number;
  readonly family: FamilyName;
  /** The birth surname of a woman who took her spouse's name (a maiden-name alias candidate). */
  readonly maiden: FamilyName | null;
  /** Index of the twin born the same day, or -1. */
  readonly twinOf: number;
  /** Whether the member uses the household's shared e-mail. */
  readonly sharesEmail: boolean;
}

// Massachusetts 2020 age structure by 5-year group (percent), spread evenly over single years; 100 = 100+.
const PYRAMID_5Y = [5.0, 5.3, 5.7, 6.6, 7.0, 7.0, 6.7, 6.3, 6.0, 6.2, 6.8, 7.2, 6.8, 5.7, 4.5, 3.0, 2.0, 1.3, 0.6, 0.2];
const PYRAMID: number[] = [...Array.from({ length: 100 }, (_, a) => (PYRAMID_5Y[Math.floor(a / 5)] as number) / 5), 0.03];
function ageTable(lo: number, hi: number, factor: (age: number) => number = () => 1): AliasTable<number> {
  const ages: number[] = [];
  const weights: number[] = [];
  for (let a = lo; a <= hi; a++) {
    ages.push(a);
    weights.push((PYRAMID[a] as number) * factor(a));
  }
  return new AliasTable(ages, weights);
}
const SINGLE_AGE = ageTable(18, 100, (a) => (a < 22 ? 0.35 : a < 25 ? 0.9 : a < 30 ? 1.1 : a < 35 ? 0.8 : a < 50 ? 0.25 : a < 65 ? 1 : a < 75 ? 1.4 : 2.6));
const COUPLE_AGE = ageTable(20, 98, (a) => (a < 25 ? 0.15 : a < 30 ? 0.45 : a < 35 ? 0.4 : a < 45 ? 0.3 : a < 50 ? 0.4 : a < 65 ? 1.1 : a < 80 ? 1.35 : 0.9));
/** Age of the oldest child (younger siblings follow), so skewed older. */
const KID_AGE = ageTable(0, 17, (a) => (a < 5 ? 0.8 : a < 10 ? 1 : 1.3));
const ROOMMATE_AGE = ageTable(18, 34, (a) => (a < 23 ? 1.6 : 1));

enum Kind { Single, Couple, Family, SingleParent, ParentAdultChild, CoupleAdultChild, Roommates, Multigen }
interface Shape { kind: Kind; size: number }
const SHAPES = new AliasTable<Shape>(
  [
    { kind: Kind.Single, size: 1 }, { kind: Kind.Couple, size: 2 },
    { kind: Kind.Family, size: 3 }, { kind: Kind.Family, size: 4 }, { kind: Kind.Family, size: 5 },
    { kind: Kind.SingleParent, size: 2 }, { kind: Kind.SingleParent, size: 3 },
    { kind: Kind.ParentAdultChild, size: 2 }, { kind: Kind.CoupleAdultChild, size: 3 },
    { kind: Kind.Roommates, size: 2 }, { kind: Kind.Roommates, size: 3 },
    { kind: Kind.Multigen, size: 4 }, { kind: Kind.Multigen, size: 5 },
  ],
  [27, 25, 7.5, 7.5, 2.5, 4, 2, 6, 3, 5, 2.5, 1, 1],
);
/** Probability that a child (after the first) is the twin of the previous one. */
const TWIN = 0.045;

const DAYS_PER_YEAR = 365.2425;

interface Draft { role: Role; sex: 'F' | 'M'; age: number; family: FamilyName; maiden: FamilyName | null; twin: boolean; sharesEmail: boolean }

/** The member plan of one block: BLOCK_SIZE members, in index order. */
export function planBlock(seed: number, block: number, today: number): Member[] {
  const rng = new Rng(seed, block, SALT_BLOCK);
  const hrng = new Rng();
  const out: Member[] = [];
  const start = block * BLOCK_SIZE;
  while (out.length < BLOCK_SIZE) {
    const shape = SHAPES.sample(rng);
    const size = Math.min(shape.size, BLOCK_SIZE - out.length);
    const first = start + out.length;
    hrng.reseed(seed, first, SALT_HOUSEHOLD ^ (size << 8) ^ (shape.kind << 12));
    const drafts = draftHousehold(shape.kind, size, hrng);
    const household = householdOf(drafts, hrng);
    let prevBirth = 0;
    drafts.forEach((d, k) => {
      const birthDay = d.twin ? prevBirth : today - Math.min(Math.floor((d.age + hrng.next()) * DAYS_PER_YEAR), 36890);
      prevBirth = birthDay;
      out.push({
        household, role: d.role, sex: d.sex, birthDay, family: d.family, maiden: d.maiden,
        twinOf: d.twin ? first + k - 1 : -1, sharesEmail: d.sharesEmail && household.sharedEmail !== null,
      });
    });
  }
  return out;
}

function householdOf(drafts: Draft[], rng: Rng): Household {
  const place = pickPlace(rng);
  const line = streetLine(place, rng);
  const oldest = drafts.reduce((m, d) => Math.max(m, d.age), 0);
  const roommates = drafts[0]?.role === 'roommate';
  const pLandline = roommates ? 0.03 : oldest >= 65 ? 0.55 : oldest >= 50 ? 0.35 : 0.15;
  const landline = rng.chance(pLandline) ? phoneNumber(place.region, false, rng) : null;
  const couple = drafts.filter((d) => d.sharesEmail).length === 2;
  const sharedEmail = couple && rng.chance(0.012) ? familyEmail(drafts[0]?.family.key ?? '', line.split(' ')[0] ?? '', rng) : null;
  return { place, zip: rng.pick(place.zips), line, landline, sharedEmail };
}

function sexOf(pFemale: number, rng: Rng): 'F' | 'M' {
  return rng.chance(pFemale) ? 'F' : 'M';
}

function clampAge(a: number): number {
  return a < 18 ? 18 : a > 100 ? 100 : a;
}

/** Head and partner of a couple whose older member is `age`; the woman of a married couple may carry a maiden name. */
function couple(age: number, family: FamilyName, rng: Rng): [Draft, Draft] {
  const headSex = sexOf(0.5, rng);
  const sameSex = rng.chance(0.04);
  const partnerSex = sameSex ? headSex : headSex === 'F' ? 'M' : 'F';
  const partnerAge = clampAge(age + Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 5 + (partnerSex === 'F' ? -1 : 1)));
  const shared = rng.chance(sameSex ? 0.3 : 0.78);
  const head: Draft = { role: 'head', sex: headSex, age, family, maiden: null, twin: false, sharesEmail: true };
  const partner: Draft = {
    role: 'partner', sex: partnerSex, age: partnerAge, family: shared ? family : personalSurname(family.group, rng, family),
    maiden: null, twin: false, sharesEmail: true,
  };
  if (shared && !sameSex) {
    const wife = headSex === 'F' ? head : partner;
    wife.maiden = personalSurname(family.group, rng, family);
    if (rng.chance(0.05)) wife.family = hyphenate(wife.maiden, family);
  }
  return [head, partner];
}

function kids(n: number, oldest: number, family: FamilyName, rng: Rng): Draft[] {
  const out: Draft[] = [];
  let age = oldest;
  for (let i = 0; i < n; i++) {
    const twin = i > 0 && rng.chance(TWIN);
    if (i > 0 && !twin) age = Math.max(0, age - rng.range(1, 5));
    out.push({ role: 'child', sex: sexOf(0.488, rng), age, family, maiden: null, twin, sharesEmail: false });
  }
  return out;
}

/** Age of a parent whose oldest child is `kidAge`. */
function parentAge(kidAge: number, rng: Rng): number {
  return clampAge(kidAge + rng.range(20, 30) + rng.range(0, 12));
}

function draftHousehold(kind: Kind, size: number, rng: Rng): Draft[] {
  const family = familyName(rng);
  switch (kind) {
    case Kind.Single: {
      const age = SINGLE_AGE.sample(rng);
      const sex = sexOf(age >= 70 ? 0.62 : 0.48, rng);
      const maiden = sex === 'F' && age >= 30 && rng.chance(age >= 60 ? 0.55 : 0.3) ? personalSurname(family.group, rng, family) : null;
      return [{ role: 'single', sex, age, family, maiden, twin: false, sharesEmail: false }];
    }
    case Kind.Couple:
      return couple(COUPLE_AGE.sample(rng), family, rng).slice(0, size);
    case Kind.Family:
    case Kind.Multigen: {
      const oldest = KID_AGE.sample(rng);
      const parents = couple(parentAge(oldest, rng), family, rng);
      const partnerFamily = parents[1].family;
      const kidFamily = partnerFamily.key !== family.key && rng.chance(0.15) ? hyphenate(family, partnerFamily) : family;
      const members = [...parents];
      if (kind === Kind.Multigen) {
        const gpAge = Math.min(100, Math.max(parents[0].age, parents[1].age) + rng.range(22, 34));
        const gpFamily = rng.chance(0.5) ? family : personalSurname(family.group, rng, family);
        members.push({ role: 'grandparent', sex: sexOf(0.65, rng), age: gpAge, family: gpFamily, maiden: null, twin: false, sharesEmail: false });
      }
      members.push(...kids(size - members.length, oldest, kidFamily, rng));
      return members.slice(0, size);
    }
    case Kind.SingleParent: {
      const oldest = KID_AGE.sample(rng);
      const sex = sexOf(0.8, rng);
      const maiden = sex === 'F' && rng.chance(0.35) ? personalSurname(family.group, rng, family) : null;
      const parent: Draft = { role: 'head', sex, age: parentAge(oldest, rng), family, maiden, twin: false, sharesEmail: false };
      return [parent, ...kids(size - 1, oldest, family, rng)];
    }
    case Kind.ParentAdultChild:
    case Kind.CoupleAdultChild: {
      const childAge = rng.range(18, 36);
      const pAge = clampAge(childAge + rng.range(22, 40));
      const parents: Draft[] = kind === Kind.CoupleAdultChild
        ? couple(pAge, family, rng)
        : [{ role: 'head', sex: sexOf(0.6, rng), age: pAge, family, maiden: null, twin: false, sharesEmail: false }];
      const child: Draft = { role: 'adult-child', sex: sexOf(0.45, rng), age: childAge, family, maiden: null, twin: false, sharesEmail: false };
      return [...parents, child].slice(0, size);
    }
    case Kind.Roommates:
      return Array.from({ length: size }, (_, k): Draft => ({
        role: 'roommate', sex: sexOf(0.5, rng), age: ROOMMATE_AGE.sample(rng), family: k === 0 ? family : personalSurname('', rng),
        maiden: null, twin: false, sharesEmail: false,
      }));
  }
}

/** Caches the last planned block, so a sequential run plans each block once. */
export class BlockCache {
  private block = -1;
  private plan: Member[] = [];
  constructor(private readonly seed: number, private readonly today: number) {}

  member(index: number): Member {
    const block = Math.floor(index / BLOCK_SIZE);
    if (block !== this.block) {
      this.plan = planBlock(this.seed, block, this.today);
      this.block = block;
    }
    return this.plan[index - block * BLOCK_SIZE] as Member;
  }
}
