/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, negative before), without Date objects in the hot path.
 * ISO strings come from a table built once for 1900-01-01 … 2100-12-31.
 */

/** Day number of a proleptic Gregorian date; month may overflow (13 → January of the next year), day too. */
export function dayOf(year: number, month: number, day: number): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  // Howard Hinnant's days_from_civil.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + day - 1;
}

export interface Ymd { y: number; m: number; d: number }

export function ymdOf(dayNumber: number): Ymd {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export const TABLE_FIRST_DAY = dayOf(1900, 1, 1);
export const TABLE_LAST_DAY = dayOf(2100, 12, 31);

const ISO: string[] = (() => {
  const out: string[] = [];
  for (let y = 1900; y <= 2100; y++) {
    const ys = String(y);
    for (let m = 1; m <= 12; m++) {
      const ms = m < 10 ? `0${m}` : String(m);
      const dim = dayOf(y, m + 1, 1) - dayOf(y, m, 1);
      for (let d = 1; d <= dim; d++) out.push(`${ys}-${ms}-${d < 10 ? `0${d}` : String(d)}`);
    }
  }
  return out;
})();

/** YYYY-MM-DD of a day number within the table range. */
export function isoOf(dayNumber: number): string {
  const s = ISO[dayNumber - TABLE_FIRST_DAY];
  if (s === undefined) throw new RangeError(`day ${dayNumber} outside 1900-2100`);
  return s;
}

/** Parses a strict YYYY-MM-DD (a real date between 1900 and 2100) into a day number. */
export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day < TABLE_FIRST_DAY || day > TABLE_LAST_DAY || ISO[day - TABLE_FIRST_DAY] !== iso) {
    throw new RangeError(`not a real date between 1900 and 2100: ${iso}`);
  }
  return day;
}

/** The day someone born on `birthDay` turns `years` old (29 February birthdays count from 1 March). */
export function turnsDay(birth: Ymd, years: number): number {
  return dayOf(birth.y + years, birth.m, birth.d);
}

/** The day someone born on `birthDay` is `months` months old. */
export function monthsDay(birth: Ymd, months: number): number {
  return dayOf(birth.y, birth.m + months, birth.d);
}

/** Whole years of age on `day` (exact). */
export function ageOn(birth: Ymd, day: number): number {
  const t = ymdOf(day);
  let age = t.y - birth.y;
  if (t.m < birth.m || (t.m === birth.m && t.d < birth.d)) age--;
  return age;
}
