import { AliasTable } from './alias';
import { PLACES, STREETS } from './data/places';
import { type Rng } from './prng';
import { parseLines, parseWeighted } from './tables';

export type Region = 'B' | 'I' | 'N' | 'C' | 'S' | 'W';
const REGIONS: readonly Region[] = ['B', 'I', 'N', 'C', 'S', 'W'];

export interface Place {
  readonly index: number;
  readonly city: string;
  readonly county: string;
  readonly region: Region;
  readonly zips: readonly string[];
}

export const PLACE_LIST: readonly Place[] = parseLines(PLACES).map(([city, county, pop, region, zips], index) => {
  const z = (zips ?? '').split(' ').filter(Boolean);
  if (!city || !county || !REGIONS.includes(region as Region) || !(Number(pop) > 0) || z.length === 0 || z.some((x) => !/^\d{5}$/.test(x))) {
    throw new Error(`bad place row ${city}`);
  }
  return { index, city, county, region: region as Region, zips: z };
});
const PLACE_TABLE = new AliasTable(PLACE_LIST, parseLines(PLACES).map((r) => Number(r[2])));

const streetRows = parseWeighted(STREETS);
const STREET_TABLE = new AliasTable(streetRows.map((r) => r[0]), streetRows.map((r) => r[1]));

export function pickPlace(rng: Rng): Place {
  return PLACE_TABLE.sample(rng);
}

/** "123 Main St", sometimes with an apartment (more often in the Boston core). */
export function streetLine(place: Place, rng: Rng): string {
  const r = rng.next();
  const number = r < 0.5 ? rng.range(1, 199) : r < 0.85 ? rng.range(1, 999) : rng.range(1000, 2999);
  const base = `${number} ${STREET_TABLE.sample(rng)}`;
  if (!rng.chance(place.region === 'B' ? 0.4 : 0.14)) return base;
  const u = rng.next();
  if (u < 0.45) return `${base} Apt ${rng.range(1, 6)}${rng.chance(0.5) ? 'ABCD'.charAt(rng.int(4)) : ''}`;
  if (u < 0.8) return `${base} Unit ${rng.range(1, 40)}`;
  return `${base} #${rng.range(1, 12)}`;
}

// ---- phones ----------------------------------------------------------------------------------------------------

const AREA_CODES: Record<Region, readonly (readonly [string, number])[]> = {
  B: [['617', 0.75], ['857', 0.25]],
  I: [['781', 0.8], ['339', 0.2]],
  N: [['978', 0.8], ['351', 0.2]],
  C: [['508', 0.7], ['774', 0.3]],
  S: [['508', 0.7], ['774', 0.3]],
  W: [['413', 1]],
};
const AREA_TABLES = Object.fromEntries(
  REGIONS.map((r) => [r, new AliasTable(AREA_CODES[r].map((a) => a[0]), AREA_CODES[r].map((a) => a[1]))]),
) as Record<Region, AliasTable<string>>;
const ANY_AREA = new AliasTable(['617', '508', '781', '978', '413', '339', '351', '774', '857'], [18, 20, 14, 14, 8, 5, 4, 9, 8]);

/** Central-office codes: first digit 2-9, no N11 service codes, no 555, no 950/958/959/976. */
const EXCHANGES: readonly string[] = (() => {
  const out: string[] = [];
  for (let x = 200; x <= 999; x++) {
    if (x % 100 === 11 || x === 555 || x === 950 || x === 958 || x === 959 || x === 976) continue;
    out.push(String(x));
  }
  return out;
})();

/** A valid E.164 Massachusetts number; `mobile` numbers sometimes come from elsewhere in the state. */
export function phoneNumber(region: Region, mobile: boolean, rng: Rng): string {
  const area = mobile && rng.chance(0.15) ? ANY_AREA.sample(rng) : AREA_TABLES[region].sample(rng);
  const line = rng.int(10000);
  return `+1${area}${EXCHANGES[rng.int(EXCHANGES.length)] as string}${line < 10 ? '000' : line < 100 ? '00' : line < 1000 ? '0' : ''}${line}`;
}

// ---- e-mail ----------------------------------------------------------------------------------------------------

const DOMAINS = new AliasTable(
  ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'comcast.net', 'icloud.com', 'verizon.net', 'msn.com', 'me.com', 'live.com', 'protonmail.com', 'charter.net', 'att.net', 'rcn.com'],
  [44, 13, 7, 6, 4, 8, 7, 3, 1.5, 1.5, 1, 1, 1, 1, 0.5],
);

/**
 * A personal address in a common format (first.last@gmail.com, flast12@yahoo.com, …). `first`, `last`: lower-case
 * ASCII keys; `mi`: middle initial or ''; `yy`: two-digit birth year.
 */
export function personalEmail(first: string, last: string, mi: string, yy: string, rng: Rng): string {
  const f = first || 'user';
  const l = last || 'mail';
  const n = rng.chance(0.5) ? rng.range(1, 99) : rng.range(100, 9999);
  const r = rng.int(100);
  let local: string;
  if (r < 7) local = `${f}.${l}`;
  else if (r < 11) local = `${f}${l}`;
  else if (r < 25) local = `${f}.${l}${n}`;
  else if (r < 37) local = `${f}${l}${yy}`;
  else if (r < 41) local = `${f.charAt(0)}${l}`;
  else if (r < 55) local = `${f.charAt(0)}${l}${n}`;
  else if (r < 61) local = `${f}_${l}${n}`;
  else if (r < 65) local = `${l}.${f}${yy}`;
  else if (r < 73) local = `${f}${l.charAt(0)}${n}`;
  else if (r < 77) local = `${l}${f.charAt(0)}${n}`;
  else if (r < 83) local = mi ? `${f}.${mi}.${l}` : `${f}.${l}.${yy}`;
  else if (r < 92) local = `${f}${n}`;
  else local = `${l}${n}`;
  return `${local}@${DOMAINS.sample(rng)}`;
}

/** A household address shared by a couple ("thesmiths@comcast.net"). */
export function familyEmail(last: string, streetNumber: string, rng: Rng): string {
  const l = last || 'family';
  const r = rng.int(4);
  const local = r === 0 ? `the${l}s` : r === 1 ? `${l}family` : r === 2 ? `${l}.household` : `${l}${streetNumber}`;
  return `${local}@${rng.chance(0.5) ? 'comcast.net' : DOMAINS.sample(rng)}`;
}
