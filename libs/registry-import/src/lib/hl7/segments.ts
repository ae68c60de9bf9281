/** HL7 v2 segments: delimiters from a header segment (MSH, FHS, BHS) and field/component access with unescaping. */
import { reject } from '../common';
import { EscapeError, unescapeHl7, type Delimiters } from './escape';

export type { Delimiters } from './escape';

export const DEFAULT_DELIMITERS: Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/** MSH-1 and MSH-2 (or FHS/BHS-1 and -2): the field separator and the encoding characters ^~\& (a 5th, v2.7's truncation character, is allowed). */
export function readDelimiters(header: string): Delimiters {
  const name = header.slice(0, 3);
  const field = header.charAt(3);
  if (field === '' || /[A-Za-z0-9\s]/.test(field)) reject(`${name}-1 field separator is missing or invalid`);
  const end = header.indexOf(field, 4);
  const enc = end === -1 ? header.slice(4) : header.slice(4, end);
  const chars = [field, ...enc];
  if ((enc.length !== 4 && enc.length !== 5) || new Set(chars).size !== chars.length || /[A-Za-z0-9\s]/.test(enc)) {
    reject(`${name}-2 encoding characters '${enc.slice(0, 10)}' are invalid`);
  }
  return { field, component: enc.charAt(0), repetition: enc.charAt(1), escape: enc.charAt(2), subcomponent: enc.charAt(3) };
}

/** One segment of a message. Field numbers are the HL7 ones (PID-5 is `get(5)`; for MSH, MSH-1 is the separator). */
export class Segment {
  readonly name: string;
  private readonly fields: string[];

  /**
   * @param index position in the message, from 1 (MSH is 1)
   * @param lineNo line of the file (segments are counted as lines)
   */
  constructor(raw: string, readonly index: number, readonly lineNo: number, private readonly d: Delimiters) {
    this.name = raw.slice(0, 3);
    const parts = raw.split(d.field);
    this.fields = this.name === 'MSH' || this.name === 'FHS' || this.name === 'BHS' ? [this.name, d.field, ...parts.slice(1)] : parts;
  }

  /** "segment 4 (line 12)" */
  get where(): string {
    return `segment ${this.index} (line ${this.lineNo})`;
  }

  /** How many repetitions field `n` has (0 when empty). */
  repetitions(n: number): number {
    const f = this.fields[n];
    return f ? f.split(this.d.repetition).length : 0;
  }

  /**
   * The unescaped, trimmed text of field `n`, component `comp`, subcomponent `sub` of repetition `rep` ('' when absent;
   * the HL7 null `""` reads as ''). A malformed escape rejects the message, naming segment and field.
   */
  get(n: number, comp = 1, sub = 1, rep = 0): string {
    const f = this.fields[n];
    if (!f) return '';
    const r = rep === 0 && !f.includes(this.d.repetition) ? f : f.split(this.d.repetition)[rep] ?? '';
    const c = r.split(this.d.component)[comp - 1] ?? '';
    const s = c.split(this.d.subcomponent)[sub - 1] ?? '';
    let value: string;
    try {
      value = unescapeHl7(s, this.d).trim();
    } catch (err) {
      if (err instanceof EscapeError) reject(`bad escape in ${this.name}-${n} at ${this.where}: ${err.message}`);
      throw err;
    }
    return value === '""' ? '' : value;
  }
}
