import { type ImmunizationRecord, type PersonAlias, type PersonRecord, type Sex } from '@tessera/registry-core';
import { dayOf, isoOf, ymdOf } from './dates';
import { type Member, type BlockCache } from './household';
import { immunizationHistory } from './immunizations';
import { givenName, nicknameOf, personalSurname, suffixFor, type GivenName } from './names';
import { personalEmail, phoneNumber } from './places';
import { Rng } from './prng';

const SALT_PERSON = 0x9e55;
const SALT_GIVEN = 0x61e7;
const DAYS_PER_YEAR = 365.2425;
const DEATHS_FROM = dayOf(2021, 1, 4);

/** Everything a resident is built from besides its index. */
export interface Env {
  readonly seed: number;
  readonly today: number;
  readonly prefix: string;
  readonly state: string;
  readonly blocks: BlockCache;
  readonly rng: Rng;
  readonly nameRng: Rng;
}

export function newEnv(seed: number, today: number, state: string, blocks: BlockCache): Env {
  return { seed, today, prefix: state, state, blocks, rng: new Rng(), nameRng: new Rng() };
}

function givenOf(env: Env, index: number, member: Member, rng: Rng): GivenName {
  rng.reseed(env.seed, index, SALT_GIVEN);
  return givenName(rng, member.sex, ymdOf(member.birthDay).y, member.family.group);
}

/** A twin's given name differs from the co-twin's (whose name is recomputed from its own index). */
function distinctGiven(env: Env, index: number, member: Member): GivenName {
  const own = givenOf(env, index, member, env.nameRng);
  if (member.twinOf < 0) return own;
  const twin = env.blocks.member(member.twinOf);
  const other = givenOf(env, member.twinOf, twin, new Rng()).display;
  let g = own;
  for (let k = 0; k < 20 && g.display === other; k++) g = givenName(env.nameRng, member.sex, ymdOf(member.birthDay).y, member.family.group);
  return g;
}

function pNoPhone(age: number): number {
  return age < 13 ? 0.3 : age < 18 ? 0.22 : age < 65 ? 0.17 : age < 80 ? 0.22 : 0.34;
}

function pEmail(age: number): number {
  return age < 13 ? 0.08 : age < 18 ? 0.42 : age < 30 ? 0.78 : age < 65 ? 0.74 : age < 80 ? 0.52 : 0.22;
}

function pDeceased(age: number): number {
  return age < 40 ? 0.001 : age < 60 ? 0.0035 : age < 70 ? 0.012 : age < 80 ? 0.03 : age < 90 ? 0.07 : 0.16;
}

export function residentAt(env: Env, index: number): { person: PersonRecord; immunizations: ImmunizationRecord[] } {
  const member = env.blocks.member(index);
  const household = member.household;
  const rng = env.rng.reseed(env.seed, index, SALT_PERSON);
  const registryId = env.prefix + String(index).padStart(9, '0');
  const birth = ymdOf(member.birthDay);
  const age = (env.today - member.birthDay) / DAYS_PER_YEAR;
  const given = distinctGiven(env, index, member);

  const sex: Sex = rng.chance(0.002) ? 'U' : member.sex;
  const suffix = member.sex === 'M' ? suffixFor(rng) : null;

  const aliases: PersonAlias[] = [];
  if (member.maiden && age >= 20 && rng.chance(member.role === 'partner' || member.role === 'head' ? 0.15 : 0.13)) {
    aliases.push({ given: given.display, family: member.maiden.display, kind: 'maiden' });
  } else if (member.sex === 'F' && age >= 25 && rng.chance(0.012)) {
    aliases.push({ given: given.display, family: personalSurname(member.family.group, rng, member.family).display, kind: 'previous' });
  }
  if (rng.chance(0.035)) {
    const nick = nicknameOf(given.first, rng);
    if (nick) aliases.push({ given: nick, family: member.family.display, kind: 'alias' });
  }

  const phones: string[] = [];
  if (!rng.chance(pNoPhone(age))) {
    if (household.landline && rng.chance(age < 18 ? 0.9 : 0.65)) phones.push(household.landline);
    if (age >= 13 || phones.length === 0) phones.push(phoneNumber(household.place.region, true, rng));
    if (age >= 18 && rng.chance(0.08)) phones.push(phoneNumber(household.place.region, true, rng));
  }

  const emails: string[] = [];
  const yy = String(birth.y % 100).padStart(2, '0');
  if (member.sharesEmail && household.sharedEmail) {
    emails.push(household.sharedEmail);
    if (rng.chance(0.3)) emails.push(personalEmail(given.key, member.family.key, given.middleInitial, yy, rng));
  } else if (rng.chance(pEmail(age))) {
    emails.push(personalEmail(given.key, member.family.key, given.middleInitial, yy, rng));
    if (rng.chance(0.06)) {
      const second = personalEmail(given.key, member.family.key, given.middleInitial, yy, rng);
      if (second !== emails[0]) emails.push(second);
    }
  }

  const deceased = rng.chance(pDeceased(age));
  const firstDeathDay = Math.max(DEATHS_FROM, member.birthDay);
  const end = deceased ? firstDeathDay + rng.int(Math.max(1, env.today - firstDeathDay + 1)) : env.today;

  const immunizations = immunizationHistory({
    rng, birthDay: member.birthDay, birth, end, place: household.place, personId: registryId, out: [],
  });

  const person: PersonRecord = {
    registryId,
    given: given.display,
    family: member.family.display,
    suffix,
    aliases,
    birthDate: isoOf(member.birthDay),
    sex,
    phones,
    emails,
    address: { line: household.line, city: household.place.city, state: env.state, zip: household.zip, county: household.place.county },
    deceased,
  };
  return { person, immunizations };
}
