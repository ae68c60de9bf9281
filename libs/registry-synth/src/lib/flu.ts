import { AliasTable } from './alias';
import { dayOf, monthsDay } from './dates';
import { addDose, ageAt, type DoseContext } from './dose';
import { type Rng } from './prng';

/**
 * Seasonal influenza (September-February). A share of each age band are recorded flu recipients (more among the
 * COVID-vaccinated and the old); each recipient has one guaranteed season and repeats in others with an age-based
 * habit probability. Products follow age (high-dose/adjuvanted for 65+, pediatric and live vaccines for children)
 * and switch to trivalent codes from the 2024-25 season.
 */
const EVER = [0.66, 0.5, 0.36, 0.3, 0.35, 0.45];
const REPEAT = [0.19, 0.1, 0.05, 0.07, 0.09, 0.1];
const FIRST_SEASON = 2020;
const TRIVALENT_FROM = 2024;

function band(age: number): number {
  return age >= 65 ? 0 : age >= 50 ? 1 : age >= 18 ? 2 : age >= 12 ? 3 : age >= 5 ? 4 : 5;
}

/** Month offsets from September (0 = Sep … 5 = Feb) weighted by when flu shots are given. */
const MONTHS = new AliasTable([0, 1, 2, 3, 4, 5], [22, 38, 18, 10, 7, 5]);
const LATE_MONTHS = new AliasTable([4, 5], [7, 5]);

function seasonDay(year: number, rng: Rng): number {
  const offset = year === FIRST_SEASON ? LATE_MONTHS.sample(rng) : MONTHS.sample(rng);
  const first = dayOf(year, 9 + offset, 1);
  return first + rng.int(dayOf(year, 10 + offset, 1) - first);
}

type Product = readonly [cvx: string, mvx: string];
const STANDARD_MVX = new AliasTable(['PMC', 'SKB', 'SEQ'], [40, 35, 25]);

function product(age: number, season: number, rng: Rng): Product {
  const tri = season >= TRIVALENT_FROM;
  const r = rng.next();
  if (age >= 65) {
    if (r < 0.6) return ['197', 'PMC'];
    if (r < 0.85) return [tri ? '168' : '205', 'SEQ'];
    return [tri ? '155' : '185', 'PMC'];
  }
  if (age >= 18) {
    if (r < 0.62) return [tri ? '140' : '150', STANDARD_MVX.sample(rng)];
    if (r < 0.72) return [tri ? '141' : '158', rng.chance(0.5) ? 'PMC' : 'SEQ'];
    if (r < 0.9) return [tri ? '153' : '171', 'SEQ'];
    return [tri ? '155' : '185', 'PMC'];
  }
  if (age >= 2 && r < 0.1) return [tri ? '111' : '149', 'MED'];
  if (age < 3 && r < 0.35) return [tri ? '140' : '161', 'PMC'];
  if (r < 0.78) return [tri ? '140' : '150', STANDARD_MVX.sample(rng)];
  return [tri ? '153' : '171', 'SEQ'];
}

export function fluHistory(ctx: DoseContext, covidVaccinated: boolean): void {
  const rng = ctx.rng;
  const b = band(ageAt(ctx, ctx.end));
  const pEver = Math.min(0.95, (EVER[b] as number) * (covidVaccinated ? 1.15 : 0.55));
  if (!rng.chance(pEver)) return;
  const repeat = REPEAT[b] as number;
  const sixMonths = monthsDay(ctx.birth, 6);
  // Season Y runs September Y - February Y+1, so a day from March Y on belongs to season Y or later.
  const firstSeason = Math.max(FIRST_SEASON, Math.floor((sixMonths - dayOf(1970, 3, 1)) / 365.2425) + 1970);
  let lastSeason = Math.floor(ctx.end / 365.2425) + 1970;
  if (dayOf(lastSeason, 9, 1) > ctx.end) lastSeason--;
  if (lastSeason < firstSeason) return;
  // The guaranteed season skips the partial 2020-21 season (only January-February 2021 is in range).
  const anchorFrom = firstSeason === FIRST_SEASON && lastSeason > FIRST_SEASON ? FIRST_SEASON + 1 : firstSeason;
  const anchor = rng.range(anchorFrom, lastSeason);
  let doses = 0;
  for (let season = firstSeason; season <= lastSeason; season++) {
    if (season !== anchor && !rng.chance(season === FIRST_SEASON ? repeat * 0.15 : repeat)) continue;
    const day = seasonDay(season, rng);
    if (day < sixMonths || day > ctx.end) continue;
    const age = ageAt(ctx, day);
    const [cvx, mvx] = product(age, season, rng);
    addDose(ctx, 'flu', day, cvx, mvx, null);
    // Children under 9 getting their first flu vaccine need a second dose four weeks later.
    if (doses === 0 && age < 9 && rng.chance(0.5)) {
      const second = day + 28 + rng.int(15);
      if (second <= ctx.end && second < dayOf(season + 1, 4, 1)) {
        const [cvx2, mvx2] = product(ageAt(ctx, second), season, rng);
        addDose(ctx, 'flu', second, cvx2, mvx2, null);
      }
    }
    doses++;
  }
}
