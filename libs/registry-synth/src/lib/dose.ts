import { type ImmunizationRecord } from '@tessera/registry-core';
import { isoOf, type Ymd } from './dates';
import { lotNumber } from './lots';
import { performerFor } from './performers';
import { type Place } from './places';
import { type Rng } from './prng';

/** What the vaccination schedules need to know about a person, and where their doses go. */
export interface DoseContext {
  readonly rng: Rng;
  readonly birthDay: number;
  readonly birth: Ymd;
  /** Last day a dose may be given: the reference date, or the day of death. */
  readonly end: number;
  readonly place: Place;
  readonly personId: string;
  readonly out: ImmunizationRecord[];
}

const DAYS_PER_YEAR = 365.2425;

/** Age in (fractional) years on `day`. */
export function ageAt(ctx: DoseContext, day: number): number {
  return (day - ctx.birthDay) / DAYS_PER_YEAR;
}

/** Appends a completed dose (the registry id is assigned once the history is sorted). */
export function addDose(ctx: DoseContext, kind: 'covid' | 'flu', day: number, cvx: string, mvx: string, doseNumber: number | null): void {
  const occurrenceDate = isoOf(day);
  const year = Number(occurrenceDate.slice(0, 4));
  const month = (occurrenceDate.charCodeAt(5) - 48) * 10 + occurrenceDate.charCodeAt(6) - 48;
  ctx.out.push({
    registryId: '',
    personRegistryId: ctx.personId,
    cvx,
    mvx,
    lotNumber: lotNumber(mvx, year, month, ctx.rng),
    occurrenceDate,
    doseNumber,
    performer: performerFor(kind, ctx.place, ageAt(ctx, day), day, ctx.rng),
    status: 'completed',
    source: 'synthetic',
  });
}
