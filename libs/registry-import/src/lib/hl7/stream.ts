/**
 * HL7 v2 file → ImportItems, message by message: a single message, several, or batches (FHS/BHS … BTS/FTS).
 * Segments end with \r, \n or \r\n; only the current message's segments are held (capped in size).
 */
import type { ImportItem } from '@tessera/registry-core';
import { Rejection, SeenIds, todayOf } from '../common';
import { splitLines } from '../lines';
import { readDelimiters } from './segments';
import { parseVxu, type RawSegment } from './vxu';

export interface Hl7ParseOptions {
  now: Date;
  /** Largest accepted message in bytes (default 1,000,000). */
  maxMessageBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;

interface OpenMessage {
  number: number;
  lineNo: number;
  segments: RawSegment[];
  bytes: number;
  tooLarge: boolean;
}

const counted = (n: number, what: 'batch' | 'file'): string =>
  what === 'batch' ? `${n} message${n === 1 ? '' : 's'}` : `${n} batch${n === 1 ? '' : 'es'}`;

export async function* parseHl7v2(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  opts: Hl7ParseOptions,
): AsyncGenerator<ImportItem> {
  const today = todayOf(opts.now);
  const maxBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const patients = new SeenIds();
  let messageCount = 0;
  let batchMessages = 0;
  let fileBatches = 0;
  let open: OpenMessage | null = null;

  const start = (lineNo: number): OpenMessage => {
    messageCount++;
    batchMessages++;
    return { number: messageCount, lineNo, segments: [], bytes: 0, tooLarge: false };
  };

  const close = (): ImportItem | null => {
    const m = open;
    open = null;
    if (!m) return null;
    const position = `message ${m.number} (line ${m.lineNo})`;
    if (m.tooLarge) return { kind: 'rejected', position, reason: `message too large (over ${maxBytes} bytes)` };
    try {
      const { record, immunizations } = parseVxu(m.segments, today);
      const first = patients.firstSeen(record.registryId);
      if (first !== undefined) return { kind: 'rejected', position, reason: `duplicate patient id ${record.registryId} (first in ${first})` };
      patients.add(record.registryId, `message ${m.number}`);
      return { kind: 'person', record, immunizations, position };
    } catch (err) {
      if (err instanceof Rejection) return { kind: 'rejected', position, reason: err.message };
      throw err;
    }
  };

  /** BTS-1 / FTS-1 against what was counted; a rejected item when they differ. */
  const trailer = (text: string, lineNo: number, count: number, what: 'batch' | 'file'): ImportItem | null => {
    // BTS-1 / FTS-1 is a plain number: the segment's own 4th character separates its fields.
    const raw = text.length > 3 ? (text.split(text.charAt(3))[1] ?? '').trim() : '';
    if (raw === '') return null;
    const position = `${what} trailer (line ${lineNo})`;
    if (!/^\d+$/.test(raw)) return { kind: 'rejected', position, reason: `${what} trailer count '${raw.slice(0, 20)}' is not a number` };
    if (Number(raw) === count) return null;
    return { kind: 'rejected', position, reason: `${what} trailer count ${Number(raw)} does not match ${counted(count, what)}` };
  };

  for await (const ev of splitLines(source, maxBytes, true)) {
    if ('tooLong' in ev) {
      open ??= start(ev.lineNo);
      open.tooLarge = true;
      open.segments = [];
      continue;
    }
    // MLLP framing characters and stray whitespace around segments are not data.
    const text = ev.line.replace(/^[\s\x0b]+/, '').replace(/[\s\x1c]+$/, '');
    if (text === '') continue;
    const name = text.slice(0, 3);
    if (name === 'MSH' || name === 'FHS' || name === 'BHS' || name === 'BTS' || name === 'FTS') {
      const item = close();
      if (item) yield item;
    }
    switch (name) {
      case 'MSH':
        open = start(ev.lineNo);
        break;
      case 'FHS':
      case 'BHS':
        try {
          readDelimiters(text);
        } catch (err) {
          if (!(err instanceof Rejection)) throw err;
          yield { kind: 'rejected', position: `${name === 'FHS' ? 'file' : 'batch'} header (line ${ev.lineNo})`, reason: err.message };
        }
        if (name === 'FHS') fileBatches = 0;
        else {
          fileBatches++;
          batchMessages = 0;
        }
        continue;
      case 'BTS': {
        const item = trailer(text, ev.lineNo, batchMessages, 'batch');
        if (item) yield item;
        batchMessages = 0;
        continue;
      }
      case 'FTS': {
        const item = trailer(text, ev.lineNo, fileBatches, 'file');
        if (item) yield item;
        fileBatches = 0;
        continue;
      }
      default:
        // A segment outside any message opens one that will be rejected for not starting with MSH.
        open ??= start(ev.lineNo);
    }
    if (open.tooLarge) continue;
    open.bytes += Buffer.byteLength(text) + 1;
    if (open.bytes > maxBytes) {
      open.tooLarge = true;
      open.segments = [];
      continue;
    }
    open.segments.push({ text, lineNo: ev.lineNo });
  }
  const item = close();
  if (item) yield item;
}
