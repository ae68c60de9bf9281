import { type ImmunizationRecord, type PersonRecord } from '@tessera/registry-core';
import { dayOf, parseIsoDay } from './dates';
import { BlockCache } from './household';
import { newEnv, residentAt } from './person';
import { seed32 } from './prng';

export interface SynthOptions {
  seed: number;
  count: number;
  /** First index to generate (default 0): a slice equals the same slice of a full run. */
  startIndex?: number;
  /** Reference date, YYYY-MM-DD (default '2026-12-01'): ages and the end of vaccination histories. */
  today?: string;
  /** Two-letter state code for registry ids and addresses (default 'MA'; places and phones are Massachusetts'). */
  state?: string;
}

export interface SynthResident {
  person: PersonRecord;
  immunizations: ImmunizationRecord[];
}

export const DEFAULT_TODAY = '2026-12-01';
/** Births reach back 101 years and the date tables cover 1900-2100. */
const MIN_TODAY = dayOf(2001, 1, 1);
const MAX_TODAY = dayOf(2099, 12, 31);
/** Registry ids carry a 9-digit index. */
export const MAX_INDEX = 999_999_999;

/**
 * Deterministic synthetic residents with their vaccination histories. Resident i depends only on (seed, i) and its
 * household (a pure function of the seed and i's block of 16 indices), so any slice can be generated on its own.
 */
export function* generateResidents(opts: SynthOptions): Generator<SynthResident> {
  const start = opts.startIndex ?? 0;
  const { count } = opts;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`startIndex must be a non-negative integer, got ${start}`);
  if (start + count - 1 > MAX_INDEX) throw new RangeError(`indices above ${MAX_INDEX} do not fit a 9-digit registry id`);
  const state = opts.state ?? 'MA';
  if (!/^[A-Z]{2}$/.test(state)) throw new RangeError(`state must be a two-letter code, got ${state}`);
  const today = parseIsoDay(opts.today ?? DEFAULT_TODAY);
  if (today < MIN_TODAY || today > MAX_TODAY) throw new RangeError(`today must be between 2001 and 2099, got ${opts.today}`);
  const seed = seed32(opts.seed);
  const env = newEnv(seed, today, state, new BlockCache(seed, today));
  for (let i = start; i < start + count; i++) yield residentAt(env, i);
}
