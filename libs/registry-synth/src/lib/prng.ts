/**
 * A small, fast, seedable PRNG (sfc32) whose state is derived from up to three 32-bit keys (seed, index, salt) by a
 * murmur3-style finaliser and splitmix32. One instance is reseeded per person and per household instead of
 * allocating a generator each time, so draws never depend on anything but the keys given to `reseed`.
 */

/** murmur3 fmix32: a bijective avalanche of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of up to three 32-bit keys (order matters). */
export function hash3(a: number, b: number, c: number): number {
  let h = fmix32((a ^ 0x2545f491) >>> 0);
  h = fmix32((h ^ Math.imul(b ^ 0x9e3779b9, 0x27d4eb2d)) >>> 0);
  h = fmix32((h ^ Math.imul(c ^ 0x7f4a7c15, 0x165667b1)) >>> 0);
  return h;
}

/** Folds an arbitrary finite number (e.g. a seed above 2^32) into 32 bits. */
export function seed32(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const int = Math.trunc(seed);
  const lo = int >>> 0;
  const hi = Math.floor(int / 4294967296) >>> 0;
  return hi === 0 ? lo : hash3(lo, hi, 0x5eed);
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(k0 = 0, k1 = 0, k2 = 0) {
    this.reseed(k0, k1, k2);
  }

  /** Resets the state from the keys (splitmix32 expansion, then 12 warm-up rounds). */
  reseed(k0: number, k1: number, k2: number): this {
    let s = hash3(k0 >>> 0, k1 >>> 0, k2 >>> 0);
    s = (s + 0x9e3779b9) | 0; this.a = fmix32(s);
    s = (s + 0x9e3779b9) | 0; this.b = fmix32(s);
    s = (s + 0x9e3779b9) | 0; this.c = fmix32(s);
    s = (s + 0x9e3779b9) | 0; this.d = fmix32(s);
    for (let i = 0; i < 12; i++) this.u32();
    return this;
  }

  /** Next 32-bit unsigned integer (sfc32). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponentially distributed with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new RangeError('pick from an empty list');
    return v;
  }
}
