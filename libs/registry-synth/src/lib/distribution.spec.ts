import { vaccineCode } from '@tessera/registry-core';
import { generateResidents, type SynthResident } from './generate';

/** Distribution checks on 20,000 residents: the figures the loader and the search benchmarks rely on. */
const N = 20_000;
const TODAY = '2026-12-01';
const residents: SynthResident[] = [...generateResidents({ seed: 271828, count: N })];
const persons = residents.map((r) => r.person);
const days = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const age = (birth: string): number => (days(TODAY) - days(birth)) / 365.2425;
const share = (pred: (i: number) => boolean, of = N): number => {
  let n = 0;
  for (let i = 0; i < N; i++) if (pred(i)) n++;
  return n / of;
};
const householdKey = (i: number): string => `${persons[i]!.address.line}|${persons[i]!.address.zip}`;

describe('contact details', () => {
  it('leaves ~20% without a phone and ~40% without an e-mail', () => {
    const noPhone = share((i) => persons[i]!.phones.length === 0);
    const noEmail = share((i) => persons[i]!.emails.length === 0);
    expect(Math.abs(noPhone - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(noEmail - 0.4)).toBeLessThan(0.02);
  });

  it('shares landlines within households', () => {
    const owners = new Map<string, Set<string>>();
    persons.forEach((p, i) => p.phones.forEach((ph) => owners.set(ph, (owners.get(ph) ?? new Set()).add(householdKey(i)))));
    const holders = new Map<string, number>();
    for (const p of persons) for (const ph of p.phones) holders.set(ph, (holders.get(ph) ?? 0) + 1);
    const sharing = persons.filter((p) => p.phones.some((ph) => holders.get(ph)! > 1)).length;
    expect(sharing / N).toBeGreaterThan(0.04);
    // Numbers are random, so a rare collision across households happens (as with reassigned numbers), no more.
    const crossHousehold = [...owners.values()].filter((hh) => hh.size > 1).length;
    expect(crossHousehold).toBeLessThan(holders.size * 0.001);
  });

  it('shares an e-mail between spouses for ~0.5% of people', () => {
    const byEmail = new Map<string, number[]>();
    persons.forEach((p, i) => p.emails.forEach((e) => byEmail.set(e, [...(byEmail.get(e) ?? []), i])));
    let spouses = 0;
    for (const idx of byEmail.values()) {
      if (idx.length === 2 && householdKey(idx[0]!) === householdKey(idx[1]!) && idx.every((i) => age(persons[i]!.birthDate) >= 18)) spouses += 2;
    }
    expect(spouses / N).toBeGreaterThan(0.002);
    expect(spouses / N).toBeLessThan(0.01);
  });
});

describe('names', () => {
  it('has ~4% hyphenated and ~2% compound family names', () => {
    const hyphenated = share((i) => persons[i]!.family.includes('-'));
    const compound = share((i) => persons[i]!.family.includes(' '));
    expect(hyphenated).toBeGreaterThan(0.03);
    expect(hyphenated).toBeLessThan(0.055);
    expect(compound).toBeGreaterThan(0.012);
    expect(compound).toBeLessThan(0.03);
    expect(persons.some((p) => /^de (la |los )?\S/.test(p.family))).toBe(true);
  });

  it('has ~3% accented names, particles and middle names', () => {
    const accented = share((i) => /[^\x00-\x7f]/.test(persons[i]!.given + persons[i]!.family));
    expect(accented).toBeGreaterThan(0.02);
    expect(accented).toBeLessThan(0.045);
    expect(persons.some((p) => /[ñéíóúãçë]/.test(p.given + p.family))).toBe(true);
    expect(persons.some((p) => /^(O'|Mc|Mac|Van |St\. |D')/.test(p.family))).toBe(true);
    expect(share((i) => persons[i]!.given.includes(' '))).toBeGreaterThan(0.04);
  });

  it('follows US frequencies: Smith, Sullivan, Murphy and other common names lead', () => {
    const counts = new Map<string, number>();
    for (const p of persons) counts.set(p.family, (counts.get(p.family) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n);
    expect(top).toContain('Smith');
    expect(top.filter((n) => ['Sullivan', 'Murphy', "O'Brien", 'Silva', 'Rodriguez', 'Rivera', 'Johnson', 'Williams', 'Brown', 'McCarthy'].includes(n)).length).toBeGreaterThanOrEqual(4);
    expect(counts.size).toBeGreaterThan(1500);
  });

  it('weights given names by birth era', () => {
    const count = (name: string, from: number, to: number): number => persons.filter((p) => {
      const y = Number(p.birthDate.slice(0, 4));
      return p.given.split(' ')[0] === name && y >= from && y <= to;
    }).length;
    expect(count('Dorothy', 1926, 1944)).toBeGreaterThan(count('Olivia', 1926, 1944));
    expect(count('Olivia', 2005, 2026) + count('Emma', 2005, 2026)).toBeGreaterThan(5 * (count('Dorothy', 2005, 2026) + count('Linda', 2005, 2026)));
    expect(count('Jennifer', 1965, 1984)).toBeGreaterThan(count('Jennifer', 2005, 2026));
  });

  it('records maiden names (~8% of adult women), nicknames (~1%) and suffixes on men only', () => {
    const women = persons.filter((p) => p.sex === 'F' && age(p.birthDate) >= 18);
    const maiden = women.filter((p) => p.aliases.some((a) => a.kind === 'maiden'));
    expect(maiden.length / women.length).toBeGreaterThan(0.06);
    expect(maiden.length / women.length).toBeLessThan(0.1);
    for (const p of maiden) {
      const a = p.aliases.find((x) => x.kind === 'maiden')!;
      expect(a.given).toBe(p.given);
      expect(a.family).not.toBe(p.family);
    }
    const nick = share((i) => persons[i]!.aliases.some((a) => a.kind === 'alias'));
    expect(nick).toBeGreaterThan(0.005);
    expect(nick).toBeLessThan(0.016);
    const withSuffix = persons.filter((p) => p.suffix !== null);
    expect(withSuffix.every((p) => p.sex !== 'F')).toBe(true);
    const men = persons.filter((p) => p.sex === 'M').length;
    expect(withSuffix.length / men).toBeGreaterThan(0.012);
    expect(withSuffix.length / men).toBeLessThan(0.035);
  });
});

describe('demographics', () => {
  it('has twins: adjacent, same household, birth date and family name, different given names', () => {
    let pairs = 0;
    for (let i = 1; i < N; i++) {
      const a = persons[i - 1]!;
      const b = persons[i]!;
      if (a.birthDate === b.birthDate && a.family === b.family && householdKey(i) === householdKey(i - 1)) {
        pairs++;
        expect(a.given).not.toBe(b.given);
      }
    }
    expect(pairs).toBeGreaterThan(N * 0.0015);
    expect(pairs).toBeLessThan(N * 0.01);
  });

  it('has a realistic sex ratio and age pyramid', () => {
    const female = share((i) => persons[i]!.sex === 'F');
    const unknown = share((i) => persons[i]!.sex === 'U');
    expect(female).toBeGreaterThan(0.49);
    expect(female).toBeLessThan(0.53);
    expect(unknown).toBeGreaterThan(0.0005);
    expect(unknown).toBeLessThan(0.005);
    const ages = persons.map((p) => age(p.birthDate));
    const frac = (lo: number, hi: number): number => ages.filter((a) => a >= lo && a < hi).length / N;
    expect(frac(0, 18)).toBeGreaterThan(0.15);
    expect(frac(0, 18)).toBeLessThan(0.23);
    expect(frac(65, 200)).toBeGreaterThan(0.13);
    expect(frac(65, 200)).toBeLessThan(0.21);
    expect(frac(90, 200)).toBeGreaterThan(0.002);
    expect(Math.max(...ages)).toBeLessThan(101.1);
  });

  it('has ~0.8% deceased, skewed old', () => {
    const dead = persons.filter((p) => p.deceased);
    expect(dead.length / N).toBeGreaterThan(0.005);
    expect(dead.length / N).toBeLessThan(0.012);
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(dead.map((p) => age(p.birthDate)))).toBeGreaterThan(mean(persons.map((p) => age(p.birthDate))) + 20);
  });

  it('places people by population: Boston first, Middlesex the largest county', () => {
    const cities = new Map<string, number>();
    const counties = new Map<string, number>();
    for (const p of persons) {
      cities.set(p.address.city!, (cities.get(p.address.city!) ?? 0) + 1);
      counties.set(p.address.county!, (counties.get(p.address.county!) ?? 0) + 1);
    }
    expect([...cities].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('Boston');
    expect([...counties].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('Middlesex');
    expect(cities.size).toBeGreaterThan(100);
  });
});

describe('immunizations', () => {
  const total = residents.reduce((s, r) => s + r.immunizations.length, 0);
  const adults = residents.filter((r) => age(r.person.birthDate) >= 18);

  it('averages ~2.7 immunizations per person', () => {
    expect(total / N).toBeGreaterThan(2.4);
    expect(total / N).toBeLessThan(3.0);
  });

  it('gives ~75% of adults a COVID-19 primary series, mostly Pfizer and Moderna, some Janssen', () => {
    const primary = adults.filter((r) => r.immunizations.some((i) => i.doseNumber === 1));
    expect(primary.length / adults.length).toBeGreaterThan(0.7);
    expect(primary.length / adults.length).toBeLessThan(0.8);
    const first = primary.map((r) => r.immunizations.find((i) => i.doseNumber === 1)!.cvx);
    const of = (cvx: string): number => first.filter((c) => c === cvx).length / first.length;
    expect(of('208')).toBeGreaterThan(0.4);
    expect(of('207')).toBeGreaterThan(0.3);
    expect(of('212')).toBeGreaterThan(0.03);
  });

  it('declines booster uptake over time and favours the old', () => {
    const withCvx = (rs: SynthResident[], codes: string[]): number => rs.filter((r) => r.immunizations.some((i) => codes.includes(i.cvx))).length / rs.length;
    const old = residents.filter((r) => age(r.person.birthDate) >= 70);
    const young = residents.filter((r) => { const a = age(r.person.birthDate); return a >= 25 && a < 45; });
    expect(withCvx(adults, ['229', '300'])).toBeLessThan(withCvx(adults, ['221', '217', '208']));
    expect(withCvx(old, ['309', '312', '313'])).toBeGreaterThan(2 * withCvx(young, ['309', '312', '313']));
    expect(residents.some((r) => r.immunizations.some((i) => i.cvx === '218'))).toBe(true);
    expect(residents.some((r) => r.immunizations.some((i) => ['219', '228'].includes(i.cvx)))).toBe(true);
  });

  it('gives ~45% of adults a flu record, more for 65+, high-dose vaccines to the old', () => {
    const flu = (r: SynthResident): boolean => r.immunizations.some((i) => vaccineCode(i.cvx)?.group === 'influenza');
    const adultsFlu = adults.filter(flu).length / adults.length;
    expect(adultsFlu).toBeGreaterThan(0.4);
    expect(adultsFlu).toBeLessThan(0.5);
    const seniors = residents.filter((r) => age(r.person.birthDate) >= 67);
    expect(seniors.filter(flu).length / seniors.length).toBeGreaterThan(adultsFlu + 0.1);
    const hd = residents.flatMap((r) => r.immunizations).filter((i) => i.cvx === '197').length;
    expect(hd).toBeGreaterThan(0);
  });

  it('marks ~0.3% of doses entered-in-error', () => {
    const errors = residents.reduce((s, r) => s + r.immunizations.filter((i) => i.status === 'entered-in-error').length, 0);
    expect(errors / total).toBeGreaterThan(0.0015);
    expect(errors / total).toBeLessThan(0.005);
  });

  it('uses realistic performers, 2021 mass vaccination sites included', () => {
    const performers = new Set(residents.flatMap((r) => r.immunizations.map((i) => i.performer)));
    expect([...performers].some((p) => p?.startsWith('CVS Pharmacy #'))).toBe(true);
    expect([...performers].some((p) => p?.includes('Mass Vaccination Site'))).toBe(true);
    const massLate = residents.flatMap((r) => r.immunizations).filter((i) => i.performer?.includes('Mass Vaccination Site') && i.occurrenceDate > '2021-06-30');
    expect(massLate).toEqual([]);
    expect(performers.size).toBeGreaterThan(300);
  });
});
