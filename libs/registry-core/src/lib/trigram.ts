/**
 * PostgreSQL pg_trgm's trigram similarity, for normalised names (`normalizeName`: a-z, 0-9 and single spaces), in
 * TypeScript. Search computes a person's name signals here rather than in SQL: PostgreSQL would extract and sort
 * both strings' trigrams on every similarity() call, on the database's two cores that also serve everything else.
 * The results are pg_trgm's to the last bit (float4), as the integration test checks against PostgreSQL itself;
 * the algorithms follow contrib/pg_trgm/trgm_op.c (generate_trgm_only, cnt_sml, calc_word_similarity).
 *
 * A trigram is encoded as its three character codes, `c1 << 16 | c2 << 8 | c3`: the numbers the SQL function
 * `name_trigram_ids` (migration 1765152000000) stores in `person.name_trigrams`.
 */

const SPACE = 32;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Writes the trigrams of `text` into `out` (room for 2 × length + 2), returns how many. */
function writeTrigrams(text: string, out: Int32Array): number {
  const n = text.length;
  let i = 0, k = 0;
  while (i < n) {
    while (i < n && !isWordChar(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let a = SPACE, b = SPACE;
    while (i < n && isWordChar(text.charCodeAt(i))) {
      const c = text.charCodeAt(i++);
      out[k++] = (a << 16) | (b << 8) | c;
      a = b;
      b = c;
    }
    out[k++] = (a << 16) | (b << 8) | SPACE;
  }
  return k;
}

/** The trigrams of each word in order, duplicates kept: the word padded with two spaces before and one after
 * ("ann" → "  a", " an", "ann", "nn "). */
export function trigramSequence(text: string): Int32Array {
  const out = new Int32Array(2 * text.length + 2);
  return out.subarray(0, writeTrigrams(text, out));
}

/** The distinct trigrams, ascending (what pg_trgm's `show_trgm` lists, encoded). */
export function trigramSet(text: string): Int32Array {
  const out = new Int32Array(2 * text.length + 2);
  const n = writeTrigrams(text, out);
  if (n > 48) out.subarray(0, n).sort();
  else {
    // names are short: an insertion sort beats the call into the built-in sort
    for (let i = 1; i < n; i++) {
      const v = out[i]!;
      let j = i - 1;
      while (j >= 0 && out[j]! > v) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = v;
    }
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || out[i] !== out[m - 1]) out[m++] = out[i]!;
  return out.subarray(0, m);
}

/** pg_trgm's CALCSML, in float4 as PostgreSQL computes it. */
function calcSml(count: number, len1: number, len2: number): number {
  return Math.fround(count / (len1 + len2 - count));
}

/** `similarity(a, b)` of two trigram sets (from `trigramSet`): shared / (|a| + |b| - shared). */
export function setSimilarity(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0, j = 0, shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!, y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return calcSml(shared, a.length, b.length);
}

/** pg_trgm's `similarity(a, b)`. */
export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigramSet(a), trigramSet(b));
}

/** pg_trgm's `word_similarity(word, text)`. */
export function wordSimilarity(word: string, text: string): number {
  return setWordSimilarity(trigramSet(word), text);
}

function indexOf(sorted: Int32Array, v: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1, x = sorted[mid]!;
    if (x < v) lo = mid + 1;
    else if (x > v) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/**
 * pg_trgm's `word_similarity(word, text)` for the word's trigram set (from `trigramSet`): the greatest similarity
 * between that set and any run of consecutive trigrams in `text` (so a typed given name against "mary ann" is
 * measured against the best part). Trigrams are numbered as in calc_word_similarity: the word's first (all
 * "found"), then the others of `text`.
 */
export function setWordSimilarity(word: Int32Array, text: string): number {
  const ulen1 = word.length;
  if (ulen1 === 0) return 0;
  const seq = trigramSequence(text);
  const index = new Int32Array(seq.length);
  const others: number[] = [];
  for (let i = 0; i < seq.length; i++) {
    const t = seq[i]!;
    const w = indexOf(word, t);
    if (w >= 0) index[i] = w;
    else {
      let o = others.indexOf(t);
      if (o < 0) o = others.push(t) - 1;
      index[i] = ulen1 + o;
    }
  }
  const lastPos = new Int32Array(ulen1 + others.length).fill(-1);
  let ulen2 = 0, count = 0, lower = -1, max = 0;
  for (let i = 0; i < index.length; i++) {
    const t = index[i]!;
    const found = t < ulen1;
    if (lower >= 0 || found) {
      if (lastPos[t]! < 0) {
        ulen2++;
        if (found) count++;
      }
      lastPos[t] = i;
    }
    if (!found) continue;
    if (lower === -1) {
      lower = i;
      ulen2 = 1;
    }
    // The run ends here; try every later start for a better similarity.
    let cur = calcSml(count, ulen1, ulen2);
    let tmpCount = count, tmpUlen2 = ulen2;
    const prevLower = lower;
    for (let start = prevLower; start <= i; start++) {
      const s = calcSml(tmpCount, ulen1, tmpUlen2);
      if (s > cur) {
        cur = s;
        ulen2 = tmpUlen2;
        lower = start;
        count = tmpCount;
      }
      const u = index[start]!;
      if (lastPos[u] === start) {
        tmpUlen2--;
        if (u < ulen1) tmpCount--;
      }
    }
    max = Math.max(max, cur);
    for (let start = prevLower; start < lower; start++) {
      const u = index[start]!;
      if (lastPos[u] === start) lastPos[u] = -1;
    }
  }
  return max;
}
