import { AliasTable } from './alias';
import { PEDIATRIC_PRACTICES, PHARMACY_CHAINS, PRACTICES, SITES } from './data/sites';
import { dayOf } from './dates';
import { PLACE_LIST, type Place, type Region } from './places';
import { hash3, type Rng } from './prng';
import { parseLines } from './tables';

/**
 * Administering sites. Named hospitals, health centers and 2021 mass-vaccination sites are weighted per region;
 * chain pharmacies (with stable store numbers), practices and boards of health are generated per city.
 */
type NamedKind = 'hosp' | 'chc' | 'mass' | 'peds';
const REGIONS: readonly Region[] = ['B', 'I', 'N', 'C', 'S', 'W'];

const siteRows = parseLines(SITES);
const NAMED = new Map<string, AliasTable<string>>();
for (const kind of ['hosp', 'chc', 'mass', 'peds'] as const) {
  for (const region of REGIONS) {
    const rows = siteRows.filter((r) => r[1] === kind && (r[2] ?? '').includes(region));
    if (rows.length > 0) NAMED.set(kind + region, new AliasTable(rows.map((r) => r[0] as string), rows.map((r) => Number(r[3]))));
  }
}
/** Every named site (for tests and documentation). */
export const NAMED_SITE_COUNT = siteRows.length;

function named(kind: NamedKind, region: Region, rng: Rng): string {
  const t = NAMED.get(kind + region) ?? NAMED.get('hosp' + region);
  if (!t) throw new Error(`no ${kind} site in region ${region}`);
  return t.sample(rng);
}

interface LocalSites {
  pharmacies: AliasTable<string>;
  practices: readonly string[];
  pediatrics: readonly string[];
  boardOfHealth: string;
}

const LOCAL: readonly LocalSites[] = PLACE_LIST.map((place) => {
  const names: string[] = [];
  const weights: number[] = [];
  PHARMACY_CHAINS.forEach((chain, c) => {
    if (chain.regions && !chain.regions.includes(place.region)) return;
    for (let k = 0; k < chain.stores; k++) {
      const lo = 10 ** (chain.digits - 1);
      const store = lo + (hash3(place.index, c, k) % (10 ** chain.digits - lo));
      names.push(`${chain.name} #${store}, ${place.city}`);
      weights.push(chain.weight / chain.stores);
    }
  });
  const fill = (t: string): string => t.replace('{city}', place.city);
  const boardOfHealth = place.city === 'Boston' ? 'Boston Public Health Commission'
    : place.city === 'Cambridge' ? 'Cambridge Public Health Department' : `${place.city} Board of Health`;
  return {
    pharmacies: new AliasTable(names, weights),
    practices: (PRACTICES[place.region] ?? []).map(fill),
    pediatrics: PEDIATRIC_PRACTICES.map(fill),
    boardOfHealth,
  };
});

const MASS_FROM = dayOf(2021, 1, 18);
const MASS_TO = dayOf(2021, 6, 30);
const EARLY_TO = dayOf(2021, 7, 1);

function local(place: Place): LocalSites {
  return LOCAL[place.index] as LocalSites;
}

/** Where a dose was given, given the vaccine family, the person's city and age, and the date. */
export function performerFor(kind: 'covid' | 'flu', place: Place, age: number, day: number, rng: Rng): string {
  const l = local(place);
  const r = rng.next();
  if (age < 9) {
    if (r < 0.6) return rng.pick(l.pediatrics);
    if (r < 0.75) return named('chc', place.region, rng);
    if (r < 0.85) return named('peds', place.region, rng);
    if (r < 0.92 && age >= 3) return l.pharmacies.sample(rng);
    return l.boardOfHealth;
  }
  if (kind === 'covid' && day < EARLY_TO) {
    if (day >= MASS_FROM && day <= MASS_TO && r < 0.3) return named('mass', place.region, rng);
    if (r < 0.52) return named('hosp', place.region, rng);
    if (r < 0.8) return l.pharmacies.sample(rng);
    if (r < 0.9) return named('chc', place.region, rng);
    return l.boardOfHealth;
  }
  if (age < 18) {
    if (r < 0.45) return rng.pick(l.pediatrics);
    if (r < 0.8) return l.pharmacies.sample(rng);
    if (r < 0.92) return named('chc', place.region, rng);
    return l.boardOfHealth;
  }
  const pharmacy = kind === 'covid' ? 0.7 : 0.55;
  if (r < pharmacy) return l.pharmacies.sample(rng);
  if (r < pharmacy + (kind === 'covid' ? 0.1 : 0.25)) return rng.pick(l.practices);
  const q = rng.next();
  return q < 0.45 ? named('hosp', place.region, rng) : q < 0.8 ? named('chc', place.region, rng) : l.boardOfHealth;
}
