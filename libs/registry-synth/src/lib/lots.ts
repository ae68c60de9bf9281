import { Rng } from './prng';

/**
 * Lot numbers in each manufacturer's format. Real lots are shared by many doses, so a lot is one of a few dozen per
 * manufacturer and month, derived from (manufacturer, month, slot) and memoised.
 */
const SLOTS = 24;
const MVX_INDEX: Readonly<Record<string, number>> = { PFR: 1, MOD: 2, JSN: 3, NVX: 4, PMC: 5, SKB: 6, SEQ: 7, MED: 8 };
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const PFR_FIRST = 'EFGHJKLMNPRSTUVWXYZ';
const MOD_MONTH = 'ABCDEFGHJKLM';

const memo = new Map<number, string>();
const scratch = new Rng();

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

function letter(rng: Rng): string {
  return LETTERS.charAt(rng.int(LETTERS.length));
}

function make(mvx: string, year: number, month: number, rng: Rng): string {
  switch (mvx) {
    case 'PFR': {
      const half = Math.max(0, (year - 2021) * 2 + (month > 6 ? 1 : 0));
      return `${PFR_FIRST.charAt(Math.min(half, PFR_FIRST.length - 1))}${letter(rng)}${digits(rng, 4)}`;
    }
    case 'MOD': {
      const made = month <= 3 ? year - 1 : year;
      return `0${digits(rng, 2)}${MOD_MONTH.charAt(rng.int(12))}${String(made % 100).padStart(2, '0')}A`;
    }
    case 'JSN':
      return rng.chance(0.6) ? `18${digits(rng, 5)}` : `20${digits(rng, 1)}A21A`;
    case 'NVX':
      return `43${digits(rng, 2)}MF${digits(rng, 3)}`;
    case 'PMC':
      return `U${letter(rng)}${digits(rng, 4)}${rng.chance(0.7) ? 'AA' : 'BA'}`;
    case 'SKB':
      return `${letter(rng)}${letter(rng)}${digits(rng, 3)}${letter(rng)}`;
    case 'SEQ':
      return rng.chance(0.5) ? `A${letter(rng)}${digits(rng, 4)}` : `P10${digits(rng, 5)}`;
    default:
      return `${letter(rng)}${letter(rng)}${digits(rng, 4)}`;
  }
}

export function lotNumber(mvx: string, year: number, month: number, rng: Rng): string {
  const slot = rng.int(SLOTS);
  const key = ((MVX_INDEX[mvx] ?? 0) * 4000 + (year - 2000) * 13 + month) * SLOTS + slot;
  let lot = memo.get(key);
  if (lot === undefined) {
    lot = make(mvx, year, month, scratch.reseed(key, 0x10f, 0));
    memo.set(key, lot);
  }
  return lot;
}
