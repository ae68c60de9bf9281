import { type Rng } from './prng';

/**
 * Walker/Vose alias table: O(n) to build, O(1) and a single random number per weighted draw.
 */
export class AliasTable<T> {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    const n = items.length;
    if (n === 0 || weights.length !== n) throw new RangeError('alias table needs one weight per item and at least one item');
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`bad weight ${w}`);
      total += w;
    }
    if (total <= 0) throw new RangeError('alias table weights sum to zero');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      const rest = (scaled[l] as number) + (scaled[s] as number) - 1;
      scaled[l] = rest;
      (rest < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  /** Index of a weighted draw. */
  index(rng: Rng): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }

  sample(rng: Rng): T {
    return this.items[this.index(rng)] as T;
  }
}

/** An alias table from `[item, weight]` pairs. */
export function aliasOf<T>(pairs: readonly (readonly [T, number])[]): AliasTable<T> {
  return new AliasTable(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
}
