/** Parsing of the compact data tables in ./data into typed entries, done once at module load. */

export interface NameEntry {
  /** Canonical spelling, possibly accented ("Muñoz"). */
  readonly display: string;
  /** The same without diacritics ("Munoz"). */
  readonly plain: string;
  /** Lower-case ASCII letters only, for e-mail local parts ("munoz"). */
  readonly key: string;
  readonly accented: boolean;
  /** Heritage group letter ('' for none). */
  readonly group: string;
}

export function stripAccents(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

export function nameEntry(display: string, group = ''): NameEntry {
  const plain = stripAccents(display);
  return { display, plain, key: plain.toLowerCase().replace(/[^a-z]/g, ''), accented: plain !== display, group };
}

/** "Name:12.5g,Other:3" → [name, weight, group letters]. */
export function parseWeighted(text: string): [string, number, string][] {
  const out: [string, number, string][] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const colon = item.lastIndexOf(':');
    const m = /^(\d+(?:\.\d+)?)([a-z]*)$/.exec(item.slice(colon + 1));
    if (colon <= 0 || !m) throw new Error(`bad weighted entry "${item}"`);
    out.push([item.slice(0, colon), Number(m[1]), m[2] ?? '']);
  }
  return out;
}

/** "Name:1/2/3/4/5" → [name, weights per era]. */
export function parseEraWeighted(text: string): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    const colon = item.lastIndexOf(':');
    const weights = item.slice(colon + 1).split('/').map(Number);
    if (colon <= 0 || weights.length !== 5 || weights.some((w) => !Number.isFinite(w) || w < 0)) {
      throw new Error(`bad era-weighted entry "${item}"`);
    }
    out.push([item.slice(0, colon), weights]);
  }
  return out;
}

/** Splits "a|b|c" lines, skipping blank lines. */
export function parseLines(text: string): string[][] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).map((l) => l.split('|'));
}
