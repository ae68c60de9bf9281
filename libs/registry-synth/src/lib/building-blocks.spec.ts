import { normalizeName, parseDate } from '@tessera/registry-core';
import { AliasTable } from './alias';
import { ageOn, dayOf, isoOf, parseIsoDay, turnsDay, ymdOf } from './dates';
import { familyEmail, personalEmail, phoneNumber, PLACE_LIST } from './places';
import { hash3, Rng, seed32 } from './prng';
import { SURNAME_COUNT, GIVEN_COUNTS } from './names';
import { NAMED_SITE_COUNT } from './performers';

describe('Rng', () => {
  it('is reproducible per key and differs across keys', () => {
    const a = new Rng(1, 2, 3);
    const b = new Rng(1, 2, 3);
    const seqA = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(seqA);
    const c = new Rng(1, 2, 4);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(seqA);
    expect(a.reseed(1, 2, 3).u32()).toBe(seqA[0]);
  });

  it('is roughly uniform', () => {
    const rng = new Rng(99, 0, 0);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[rng.int(10)]! += 1;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(450);
  });

  it('folds large seeds into 32 bits and refuses non-finite ones', () => {
    expect(seed32(42)).toBe(42);
    expect(seed32(2 ** 40 + 5)).not.toBe(seed32(5));
    expect(() => seed32(Number.NaN)).toThrow(RangeError);
    expect(hash3(1, 2, 3)).not.toBe(hash3(3, 2, 1));
  });
});

describe('AliasTable', () => {
  it('samples in proportion to the weights', () => {
    const t = new AliasTable(['a', 'b', 'c', 'd'], [1, 2, 3, 0]);
    const rng = new Rng(5, 5, 5);
    const n: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 60_000; i++) n[t.sample(rng)]! += 1;
    expect(n['d']).toBe(0);
    expect(Math.abs(n['a']! - 10_000)).toBeLessThan(500);
    expect(Math.abs(n['b']! - 20_000)).toBeLessThan(600);
    expect(Math.abs(n['c']! - 30_000)).toBeLessThan(700);
  });

  it('rejects bad weights', () => {
    expect(() => new AliasTable(['a'], [0])).toThrow(RangeError);
    expect(() => new AliasTable(['a', 'b'], [1])).toThrow(RangeError);
    expect(() => new AliasTable(['a'], [-1])).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('converts day numbers both ways', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(isoOf(dayOf(2024, 2, 29))).toBe('2024-02-29');
    expect(dayOf(2023, 13, 1)).toBe(dayOf(2024, 1, 1));
    expect(parseIsoDay('2026-12-01')).toBe(dayOf(2026, 12, 1));
    for (const d of [-25_000, -1, 0, 19_000, 47_000]) expect(parseIsoDay(isoOf(d))).toBe(d);
    const { y, m, d } = ymdOf(dayOf(1999, 12, 31));
    expect([y, m, d]).toEqual([1999, 12, 31]);
  });

  it('refuses malformed or impossible dates', () => {
    expect(() => parseIsoDay('2023-02-29')).toThrow(RangeError);
    expect(() => parseIsoDay('2023-2-1')).toThrow(RangeError);
    expect(() => parseIsoDay('1850-01-01')).toThrow(RangeError);
  });

  it('computes ages and birthdays (29 February counts from 1 March)', () => {
    const birth = ymdOf(dayOf(2000, 2, 29));
    expect(isoOf(turnsDay(birth, 1))).toBe('2001-03-01');
    expect(ageOn(birth, dayOf(2021, 2, 28))).toBe(20);
    expect(ageOn(birth, dayOf(2021, 3, 1))).toBe(21);
  });
});

describe('places and contact details', () => {
  it('has real-looking Massachusetts places', () => {
    expect(PLACE_LIST.length).toBeGreaterThanOrEqual(100);
    const boston = PLACE_LIST.find((p) => p.city === 'Boston');
    expect(boston?.county).toBe('Suffolk');
    for (const p of PLACE_LIST) for (const z of p.zips) expect(z).toMatch(/^0[12]\d{3}$/);
  });

  it('makes valid E.164 numbers in Massachusetts area codes', () => {
    const rng = new Rng(3, 3, 3);
    for (let i = 0; i < 5000; i++) {
      const p = phoneNumber((['B', 'I', 'N', 'C', 'S', 'W'] as const)[i % 6]!, i % 2 === 0, rng);
      expect(p).toMatch(/^\+1(617|508|781|978|413|339|351|774|857)[2-9]\d{6}$/);
      expect(p.slice(6, 8)).not.toBe('11');
      expect(p.slice(5, 8)).not.toBe('555');
    }
  });

  it('makes lower-case ASCII e-mail addresses', () => {
    const rng = new Rng(4, 4, 4);
    for (let i = 0; i < 2000; i++) {
      expect(personalEmail('jose', 'garcialopez', i % 2 ? 'm' : '', '84', rng)).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$/);
    }
    expect(familyEmail('obrien', '12', rng)).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$/);
  });
});

describe('data tables', () => {
  it('are as large as promised', () => {
    expect(SURNAME_COUNT).toBeGreaterThanOrEqual(600);
    expect(GIVEN_COUNTS.F).toBeGreaterThanOrEqual(300);
    expect(GIVEN_COUNTS.M).toBeGreaterThanOrEqual(300);
    expect(NAMED_SITE_COUNT).toBeGreaterThanOrEqual(60);
  });

  it('keeps normalisable names', () => {
    expect(normalizeName('Núñez-Gonçalves')).toBe('nunez goncalves');
    expect(parseDate('2026-12-01')).toBe('2026-12-01');
  });
});
