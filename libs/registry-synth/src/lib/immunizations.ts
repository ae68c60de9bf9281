import { type ImmunizationRecord } from '@tessera/registry-core';
import { covidHistory } from './covid';
import { type DoseContext } from './dose';
import { fluHistory } from './flu';

/** Share of doses that also appear as a duplicate record marked entered-in-error. */
const ENTERED_IN_ERROR = 0.003;

function byDate(a: ImmunizationRecord, b: ImmunizationRecord): number {
  return a.occurrenceDate < b.occurrenceDate ? -1 : a.occurrenceDate > b.occurrenceDate ? 1 : 0;
}

/** The person's immunization history in date order, with registry ids `<person>-NN`. */
export function immunizationHistory(ctx: DoseContext): ImmunizationRecord[] {
  const vaccinated = covidHistory(ctx);
  fluHistory(ctx, vaccinated);
  let out = ctx.out;
  if (out.length > 1) out.sort(byDate);
  for (let i = 0; i < out.length; i++) {
    if (!ctx.rng.chance(ENTERED_IN_ERROR)) continue;
    const original = out[i] as ImmunizationRecord;
    out = [...out.slice(0, i + 1), { ...original, status: 'entered-in-error' }, ...out.slice(i + 1)];
    i++;
  }
  for (let i = 0; i < out.length; i++) {
    const seq = i + 1;
    (out[i] as ImmunizationRecord).registryId = `${ctx.personId}-${seq < 10 ? '0' : ''}${seq}`;
  }
  return out;
}
