import { dayOf, monthsDay, turnsDay } from './dates';
import { addDose, ageAt, type DoseContext } from './dose';
import { type Rng } from './prng';

/**
 * COVID-19 vaccination in Massachusetts, 2021 onwards: the phased primary-series roll-out, paediatric
 * authorisations, then monovalent, bivalent and yearly updated-formula boosters with declining uptake. One
 * propensity per person, compared with each campaign's uptake in the person's age band, makes later doses go mostly
 * to people who took the earlier ones.
 */
const D = dayOf;
const HCW = D(2021, 1, 4);
const P75 = D(2021, 2, 1);
const P65 = D(2021, 2, 18);
const P55 = D(2021, 3, 22);
const P16 = D(2021, 4, 19);
const P12 = D(2021, 5, 12);
const PHASE_REF = D(2021, 3, 1);
const KIDS5 = D(2021, 11, 3);
const UNDER5 = D(2022, 6, 20);
const J_FROM = D(2021, 3, 2);
const J_PAUSE_FROM = D(2021, 4, 13);
const J_PAUSE_TO = D(2021, 4, 23);
const J_UNTIL = D(2022, 5, 5);
const PFR_TRIS = D(2022, 3, 1);
const BIVALENT_PRIMARY = D(2023, 4, 18);
const UPDATED = D(2023, 9, 12);
const NVX_UPDATED = D(2023, 10, 3);

/** Age bands: 0 = 65+, 1 = 50-64, 2 = 18-49, 3 = 12-17, 4 = 5-11, 5 = under 5. */
function band(age: number): number {
  return age >= 65 ? 0 : age >= 50 ? 1 : age >= 18 ? 2 : age >= 12 ? 3 : age >= 5 ? 4 : 5;
}

const PRIMARY_UPTAKE = [0.9, 0.8, 0.7, 0.62, 0.38, 0.08];

type Product = readonly [cvx: string, mvx: string];
const PFIZER: Product = ['208', 'PFR'];
const PFIZER_TRIS: Product = ['217', 'PFR'];
const MODERNA: Product = ['207', 'MOD'];
const MODERNA_BOOST: Product = ['221', 'MOD'];
const JANSSEN: Product = ['212', 'JSN'];

/** Primary series: product, number of doses, minimum days between doses. */
interface Series { product: Product; doses: number; gaps: readonly number[] }
const series = (product: Product, doses: number, ...gaps: number[]): Series => ({ product, doses, gaps });

function updatedProduct(age: number, day: number, rng: Rng): Product {
  const r = rng.next();
  if (age >= 12) return r < 0.05 && day >= NVX_UPDATED ? ['313', 'NVX'] : r < 0.6 ? ['309', 'PFR'] : ['312', 'MOD'];
  if (age >= 5) return r < 0.6 ? ['310', 'PFR'] : ['311', 'MOD'];
  return r < 0.55 ? ['308', 'PFR'] : ['311', 'MOD'];
}

function primarySeries(age: number, day: number, rng: Rng): Series {
  const r = rng.next();
  if (day >= UPDATED) {
    const product = updatedProduct(age, day, rng);
    if (age >= 5) return series(product, 1);
    return product[0] === '308' ? series(product, 3, 21, 56) : series(product, 2, 28);
  }
  if (day >= BIVALENT_PRIMARY) {
    if (age >= 12) return series(r < 0.4 ? ['229', 'MOD'] : ['300', 'PFR'], 1);
    if (age >= 5) return series(['301', 'PFR'], 1);
    return r < 0.6 ? series(['302', 'PFR'], 3, 21, 56) : series(['230', 'MOD'], 2, 28);
  }
  if (age >= 12) {
    const janssen = age >= 18 && day >= J_FROM && day < J_UNTIL && (day < J_PAUSE_FROM || day > J_PAUSE_TO);
    if (janssen && r < 0.09) return series(JANSSEN, 1);
    if (age >= 18 && r < 0.49) return series(MODERNA, 2, 28);
    return series(day >= PFR_TRIS && r > 0.8 ? PFIZER_TRIS : PFIZER, 2, 21);
  }
  if (age >= 5) return series(['218', 'PFR'], 2, 21);
  return r < 0.6 ? series(['219', 'PFR'], 3, 21, 56) : series(['228', 'MOD'], 2, 28);
}

/** A child who reaches 5 or 12 during the series continues with the older age group's product. */
function agedUp(product: Product, age: number): Product {
  if (age >= 12) {
    if (product[0] === '218') return PFIZER;
    if (product[0] === '301') return ['300', 'PFR'];
    if (product[0] === '310') return ['309', 'PFR'];
  } else if (age >= 5) {
    if (product[0] === '219') return ['218', 'PFR'];
    if (product[0] === '302') return ['301', 'PFR'];
    if (product[0] === '308') return ['310', 'PFR'];
  }
  return product;
}

/** Days late relative to the minimum interval: mostly on time, a long tail. */
function lateness(rng: Rng): number {
  const r = rng.next();
  return r < 0.8 ? rng.int(7) : r < 0.95 ? 7 + rng.int(34) : 41 + rng.int(100);
}

interface Campaign {
  /** Reference day for the age band. */
  readonly nominal: number;
  /** First day for someone of this age (on the nominal day), or null when not eligible. */
  readonly from: (age: number) => number | null;
  readonly until: number;
  /** Minimum days since the previous COVID-19 dose (Janssen primary, other). */
  readonly interval: (afterJanssen: boolean, day: number) => number;
  /** Fraction of each age band (see `band`) taking it. */
  readonly uptake: readonly number[];
  readonly product: (age: number, day: number, rng: Rng) => Product | null;
  readonly meanDelay: number;
  readonly spread: number;
}

const mono: Campaign = {
  nominal: D(2021, 11, 19),
  from: (a) => (a >= 65 ? D(2021, 9, 24) : a >= 18 ? D(2021, 11, 19) : a >= 16 ? D(2021, 12, 9) : a >= 12 ? D(2022, 1, 3) : a >= 5 ? D(2022, 5, 19) : null),
  until: D(2022, 8, 31),
  interval: (j, day) => (j ? 61 : day < D(2022, 1, 3) ? 183 : 150),
  uptake: [0.66, 0.48, 0.3, 0.16, 0.05, 0],
  product: (age, day, rng) => {
    if (age >= 18 && rng.chance(0.45)) return MODERNA_BOOST;
    if (age >= 12) return day >= PFR_TRIS ? PFIZER_TRIS : PFIZER;
    return age >= 5 ? ['218', 'PFR'] : null;
  },
  meanDelay: 35,
  spread: 200,
};

const secondMono: Campaign = {
  nominal: D(2022, 3, 29),
  from: (a) => (a >= 50 ? D(2022, 3, 29) : null),
  until: D(2022, 8, 31),
  interval: () => 120,
  uptake: [0.3, 0.15, 0, 0, 0, 0],
  product: (_age, _day, rng) => (rng.chance(0.45) ? MODERNA_BOOST : PFIZER_TRIS),
  meanDelay: 30,
  spread: 100,
};

const bivalent: Campaign = {
  nominal: D(2022, 9, 1),
  from: (a) => (a >= 12 ? D(2022, 9, 1) : a >= 5 ? D(2022, 10, 12) : null),
  until: D(2023, 9, 11),
  interval: () => 61,
  uptake: [0.45, 0.25, 0.13, 0.06, 0.035, 0],
  product: (age, _day, rng) => (age >= 12 ? (age >= 18 && rng.chance(0.42) ? ['229', 'MOD'] : ['300', 'PFR']) : ['301', 'PFR']),
  meanDelay: 40,
  spread: 200,
};

const secondBivalent: Campaign = {
  nominal: D(2023, 4, 18),
  from: (a) => (a >= 65 ? D(2023, 4, 18) : null),
  until: D(2023, 9, 11),
  interval: () => 120,
  uptake: [0.14, 0, 0, 0, 0, 0],
  product: (_age, _day, rng) => (rng.chance(0.42) ? ['229', 'MOD'] : ['300', 'PFR']),
  meanDelay: 30,
  spread: 90,
};

/** A yearly updated-formula campaign (2023-24 onward; later seasons reuse the same CVX codes). */
function seasonal(year: number, uptake: readonly number[]): Campaign {
  const start = year === 2023 ? UPDATED : year === 2024 ? D(2024, 8, 23) : D(year, 9, 1);
  return {
    nominal: D(year, 9, 1),
    from: (a) => (a >= 0.5 ? start : null),
    until: year === 2023 ? D(2024, 8, 22) : D(year + 1, 8, 31),
    interval: () => 61,
    uptake,
    product: updatedProduct,
    meanDelay: 35,
    spread: 180,
  };
}

/** Spring doses for 65+ (2024, 2025). */
function spring(from: number, until: number, interval: number, uptake: number): Campaign {
  return {
    nominal: from, from: (a) => (a >= 65 ? from : null), until, interval: () => interval,
    uptake: [uptake, 0, 0, 0, 0, 0], product: updatedProduct, meanDelay: 30, spread: 100,
  };
}

const CAMPAIGNS: readonly Campaign[] = [
  mono, secondMono, bivalent, secondBivalent,
  seasonal(2023, [0.32, 0.15, 0.08, 0.035, 0.025, 0.02]),
  spring(D(2024, 2, 28), D(2024, 8, 22), 120, 0.1),
  seasonal(2024, [0.27, 0.12, 0.055, 0.025, 0.015, 0.01]),
  spring(D(2025, 3, 1), D(2025, 8, 31), 150, 0.07),
  seasonal(2025, [0.26, 0.09, 0.04, 0.015, 0.01, 0.005]),
];

/** Later seasons (2026-27 on): 2025-26 uptake declining 10% a year; built once per year. */
const LATER: Campaign[] = [];
function laterSeason(year: number): Campaign {
  const k = year - 2026;
  let c = LATER[k];
  if (!c) {
    const f = 0.9 ** (year - 2025);
    c = seasonal(year, [0.26 * f, 0.09 * f, 0.04 * f, 0.015 * f, 0.01 * f, 0.005 * f]);
    LATER[k] = c;
  }
  return c;
}

/** Adds the person's COVID-19 doses; returns whether they started a primary series. */
export function covidHistory(ctx: DoseContext): boolean {
  const rng = ctx.rng;
  const z = rng.next();
  const t12 = turnsDay(ctx.birth, 12);
  let eligible: number;
  if (t12 <= P12) {
    const a = ageAt(ctx, PHASE_REF);
    eligible = a >= 75 ? P75 : a >= 65 ? P65 : a >= 55 ? P55 : a >= 16 ? P16 : P12;
    if (a >= 20 && a < 65 && rng.chance(0.07)) eligible = HCW;
  } else if (t12 <= KIDS5) {
    eligible = t12;
  } else {
    eligible = Math.min(Math.max(KIDS5, turnsDay(ctx.birth, 5)), Math.max(UNDER5, monthsDay(ctx.birth, 6)));
  }
  const b = band(ageAt(ctx, eligible));
  if (z >= (PRIMARY_UPTAKE[b] as number)) return false;
  const delay = b === 0 ? (rng.chance(0.85) ? rng.exp(18) : rng.range(30, 300))
    : b <= 2 ? (rng.chance(0.7) ? rng.exp(28) : rng.range(30, 420))
      : rng.chance(0.6) ? rng.exp(35) : rng.range(30, 500);
  let day = eligible + Math.floor(delay);
  if (day > ctx.end) return false;

  const s = primarySeries(ageAt(ctx, day), day, rng);
  addDose(ctx, 'covid', day, s.product[0], s.product[1], 1);
  let count = 1;
  const dropout = b >= 4 ? 0.12 : 0.06;
  for (let k = 1; k < s.doses; k++) {
    if (rng.chance(k === 2 ? 0.25 : dropout)) break;
    const next = day + (s.gaps[k - 1] as number) + lateness(rng);
    if (next > ctx.end) break;
    day = next;
    count++;
    const product = agedUp(s.product, ageAt(ctx, day));
    addDose(ctx, 'covid', day, product[0], product[1], count);
  }
  const complete = count === s.doses;
  const janssen = s.product === JANSSEN;

  const lastYear = Math.floor(ctx.end / 365.2425) + 1970;
  for (let c = 0, n = CAMPAIGNS.length + Math.max(0, lastYear - 2025); c < n; c++) {
    const camp = c < CAMPAIGNS.length ? (CAMPAIGNS[c] as Campaign) : laterSeason(2026 + c - CAMPAIGNS.length);
    if (camp.nominal > ctx.end) break;
    const zj = z + (rng.next() - 0.5) * 0.12;
    const age = ageAt(ctx, camp.nominal);
    if (zj >= (camp.uptake[band(age)] as number)) continue;
    if (!complete && camp.nominal < UPDATED) continue;
    const from = camp.from(age);
    if (from === null) continue;
    const earliest = Math.max(from, day + camp.interval(janssen && count === 1, day));
    const when = earliest + Math.floor(rng.chance(0.6) ? rng.exp(camp.meanDelay) : rng.int(camp.spread));
    if (when > camp.until || when > ctx.end) continue;
    const product = camp.product(ageAt(ctx, when), when, rng);
    if (!product) continue;
    day = when;
    count++;
    addDose(ctx, 'covid', day, product[0], product[1], count);
  }
  return true;
}
