import {
  MVX_CODES, normalizeEmail, parseDate, vaccineCode, type ImmunizationRecord,
} from '@tessera/registry-core';
import { generateResidents, type SynthOptions, type SynthResident } from './generate';

const TODAY = '2026-12-01';
const all = (opts: SynthOptions): SynthResident[] => [...generateResidents(opts)];
const days = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const ageOn = (birth: string, iso: string): number => (days(iso) - days(birth)) / 365.2425;

describe('determinism', () => {
  const full = all({ seed: 20261201, count: 3000 });

  it('gives identical output for the same seed and count', () => {
    expect(all({ seed: 20261201, count: 3000 })).toEqual(full);
  });

  it('gives a different population for another seed', () => {
    const other = all({ seed: 20261202, count: 50 });
    expect(other.map((r) => r.person.family)).not.toEqual(full.slice(0, 50).map((r) => r.person.family));
  });

  it('generates any slice exactly as the full run does, even starting inside a household', () => {
    expect(all({ seed: 20261201, count: 1000, startIndex: 1234 })).toEqual(full.slice(1234, 2234));
    expect(all({ seed: 20261201, count: 7, startIndex: 2999 - 6 })).toEqual(full.slice(2993, 3000));
  });

  it('resumes at high indices (1,000,000) identically', () => {
    const around = all({ seed: 7, count: 64, startIndex: 999_968 });
    const resumed = all({ seed: 7, count: 32, startIndex: 1_000_000 });
    expect(resumed).toEqual(around.slice(32));
    expect(resumed[0]?.person.registryId).toBe('MA001000000');
  });

  it('numbers residents and their doses from the index and the state', () => {
    const [r] = all({ seed: 1, count: 1, startIndex: 42, state: 'RI' });
    expect(r?.person.registryId).toBe('RI000000042');
    expect(r?.person.address.state).toBe('RI');
    const withDoses = full.find((x) => x.immunizations.length >= 3)!;
    expect(withDoses.immunizations[2]?.registryId).toBe(`${withDoses.person.registryId}-03`);
  });

  it('depends on the reference date', () => {
    const later = all({ seed: 20261201, count: 200, today: '2027-12-01' });
    expect(later.map((r) => r.person.birthDate)).not.toEqual(full.slice(0, 200).map((r) => r.person.birthDate));
  });

  it('validates its options', () => {
    expect(() => all({ seed: 1, count: -1 })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 1.5 })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 1, startIndex: -3 })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 2, startIndex: 999_999_999 })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 1, state: 'Mass' })).toThrow(RangeError);
    expect(() => all({ seed: 1, count: 1, today: '1990-01-01' })).toThrow(RangeError);
    expect(all({ seed: 1, count: 0 })).toEqual([]);
  });
});

/** CVX → allowed age range at the dose (years). */
const AGE_RANGES: Record<string, [number, number]> = {
  '207': [18, 200], '212': [18, 200], '221': [18, 200], '229': [12, 200], '208': [12, 200], '217': [12, 200],
  '300': [12, 200], '309': [12, 200], '312': [12, 200], '313': [12, 200], '218': [5, 12], '301': [5, 12],
  '310': [5, 12], '311': [0.5, 12], '219': [0.5, 5], '228': [0.5, 6], '302': [0.5, 5], '230': [0.5, 6], '308': [0.5, 5],
  '197': [65, 200], '205': [65, 200], '168': [65, 200], '185': [18, 200], '155': [18, 200], '149': [2, 18], '111': [2, 18],
  '161': [0.5, 3], '150': [0.5, 200], '140': [0.5, 200], '158': [18, 65], '141': [18, 65], '171': [0.5, 200], '153': [0.5, 200],
};

describe('every record is valid', () => {
  const residents = all({ seed: 314159, count: 20_000 });
  /** Collects violations instead of asserting per field (millions of expects would be slow). */
  const problems = (check: (r: SynthResident, i: number, bad: (what: string) => void) => void): string[] => {
    const out: string[] = [];
    residents.forEach((r, i) => check(r, i, (what) => out.push(`${r.person.registryId}: ${what}`)));
    return out.slice(0, 20);
  };

  it('has well-formed persons', () => {
    expect(problems((r, i, bad) => {
      const p = r.person;
      if (p.registryId !== `MA${String(i).padStart(9, '0')}`) bad(`registryId ${p.registryId}`);
      if (parseDate(p.birthDate) !== p.birthDate || p.birthDate > TODAY || ageOn(p.birthDate, TODAY) > 101.1) bad(`birthDate ${p.birthDate}`);
      if (!['F', 'M', 'U'].includes(p.sex)) bad(`sex ${p.sex}`);
      for (const name of [p.given, p.family, ...p.aliases.flatMap((a) => [a.given, a.family])]) {
        if (!/^\S(.*\S)?$/.test(name) || /\s{2}/.test(name)) bad(`name "${name}"`);
      }
      for (const a of p.aliases) if (!['maiden', 'previous', 'alias'].includes(a.kind)) bad(`alias kind ${a.kind}`);
      for (const ph of p.phones) if (!/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(ph)) bad(`phone ${ph}`);
      if (new Set(p.phones).size !== p.phones.length) bad('duplicate phone');
      for (const e of p.emails) {
        if (normalizeEmail(e) !== e || !/^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(e)) bad(`email ${e}`);
      }
      const a = p.address;
      if (!/^\d+ \S/.test(a.line ?? '') || !/^0[12]\d{3}$/.test(a.zip ?? '') || a.state !== 'MA' || !a.city || !a.county) bad(`address ${JSON.stringify(a)}`);
      if (p.suffix !== null && !['Jr', 'Sr', 'II', 'III', 'IV'].includes(p.suffix)) bad(`suffix ${p.suffix}`);
    })).toEqual([]);
  });

  it('has well-formed, ordered, age-appropriate immunization histories', () => {
    expect(problems(({ person, immunizations }, _i, bad) => {
      immunizations.forEach((im: ImmunizationRecord, k) => {
        const at = `${im.registryId} ${im.cvx} ${im.occurrenceDate}`;
        if (im.registryId !== `${person.registryId}-${String(k + 1).padStart(2, '0')}`) bad(`${at}: id`);
        if (im.personRegistryId !== person.registryId) bad(`${at}: person`);
        if (parseDate(im.occurrenceDate) !== im.occurrenceDate) bad(`${at}: date`);
        if (im.occurrenceDate < person.birthDate || im.occurrenceDate < '2021-01-01' || im.occurrenceDate > TODAY) bad(`${at}: out of range`);
        if (k > 0 && im.occurrenceDate < immunizations[k - 1]!.occurrenceDate) bad(`${at}: order`);
        if (!vaccineCode(im.cvx)) bad(`${at}: unknown cvx`);
        if (!MVX_CODES[im.mvx ?? '']) bad(`${at}: mvx ${im.mvx}`);
        if (!/^[A-Z0-9]{5,10}$/.test(im.lotNumber ?? '')) bad(`${at}: lot ${im.lotNumber}`);
        if (!im.performer || im.source !== 'synthetic' || !['completed', 'entered-in-error'].includes(im.status)) bad(`${at}: fields`);
        const [lo, hi] = AGE_RANGES[im.cvx] ?? [-1, -1];
        const age = ageOn(person.birthDate, im.occurrenceDate);
        if (age < lo - 0.01 || age >= hi) bad(`${at}: age ${age.toFixed(2)}`);
      });
    })).toEqual([]);
  });

  it('respects COVID-19 dose order and minimum intervals', () => {
    let checked = 0;
    expect(problems(({ immunizations }, _i, bad) => {
      const covid = immunizations.filter((i) => i.status === 'completed' && vaccineCode(i.cvx)?.group === 'covid19');
      covid.forEach((dose, k) => {
        if (dose.doseNumber !== k + 1) bad(`${dose.registryId}: doseNumber ${dose.doseNumber}`);
        if (k === 0) return;
        const gap = days(dose.occurrenceDate) - days(covid[k - 1]!.occurrenceDate);
        if (gap < 21) bad(`${dose.registryId}: ${gap} days after the previous dose`);
        if (dose.doseNumber === 2 && ['207', '228'].includes(dose.cvx) && gap < 28) bad(`${dose.registryId}: Moderna after ${gap} days`);
        checked++;
      });
    })).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('records influenza without a dose number, in season (September-March)', () => {
    expect(problems(({ immunizations }, _i, bad) => {
      for (const im of immunizations) {
        if (vaccineCode(im.cvx)?.group !== 'influenza') continue;
        if (im.doseNumber !== null) bad(`${im.registryId}: flu doseNumber`);
        if (![9, 10, 11, 12, 1, 2, 3].includes(Number(im.occurrenceDate.slice(5, 7)))) bad(`${im.registryId}: ${im.occurrenceDate}`);
      }
    })).toEqual([]);
  });

  it('marks only duplicates as entered-in-error', () => {
    let errors = 0;
    expect(problems(({ immunizations }, _i, bad) => {
      immunizations.forEach((im, k) => {
        if (im.status !== 'entered-in-error') return;
        errors++;
        const o = immunizations[k - 1];
        if (!o || o.status !== 'completed' || o.cvx !== im.cvx || o.occurrenceDate !== im.occurrenceDate || o.lotNumber !== im.lotNumber) bad(`${im.registryId}: not a duplicate`);
      });
    })).toEqual([]);
    expect(errors).toBeGreaterThan(50);
  });
});
