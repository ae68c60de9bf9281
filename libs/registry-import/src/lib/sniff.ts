/** Format sniffing from the first significant bytes, then delegation to the matching streaming parser. */
import type { ImportItem } from '@tessera/registry-core';
import { parseFhirNdjson } from './fhir';
import { parseHl7v2 } from './hl7/stream';
import { toBuffer } from './lines';

export type ImportFormat = 'fhir-ndjson' | 'hl7v2';

export interface ImportFileOptions {
  now: Date;
  /** Only used in messages. */
  filename?: string;
  /** Longest FHIR line (default 1,000,000 bytes). */
  maxLineBytes?: number;
  /** Largest HL7 message (default 1,000,000 bytes). */
  maxMessageBytes?: number;
  /** Told the format once it is recognised, before the first item. */
  onFormat?: (format: ImportFormat) => void;
}

/** How many leading bytes (BOM, whitespace, MLLP start block) may come before the format shows. */
const PEEK_LIMIT = 64 * 1024;

type Chunk = Buffer | Uint8Array | string;

/**
 * The format the data starts with: '{' → FHIR NDJSON; MSH, FHS or BHS → HL7 v2. `more` when the bytes seen so
 * far are only blank (BOM, whitespace, MLLP start block) or too few; `empty` is decided by the caller at the end.
 */
export function sniffFormat(head: Buffer): ImportFormat | 'unknown' | 'more' {
  const bom = [0xef, 0xbb, 0xbf];
  if (head.length < 3 && [...head].every((byte, k) => byte === bom[k])) return 'more';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x0b)) i++;
  if (i >= head.length) return 'more';
  if (head[i] === 0x7b) return 'fhir-ndjson';
  const start = head.subarray(i, i + 3).toString('latin1');
  if (start.length < 3) return 'MSH'.startsWith(start) || 'FHS'.startsWith(start) || 'BHS'.startsWith(start) ? 'more' : 'unknown';
  return start === 'MSH' || start === 'FHS' || start === 'BHS' ? 'hl7v2' : 'unknown';
}

/** A one-shot iterable that first replays the peeked chunks, then continues the original iterator. */
function replay(head: Buffer[], it: AsyncIterator<Chunk>): AsyncIterable<Chunk> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<Chunk> => ({
      next: async () => {
        const b = head.shift();
        return b ? { done: false, value: b } : it.next();
      },
      return: async () => {
        head.length = 0;
        await it.return?.();
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * Parses an upload from the state registry, whatever its format: FHIR Bulk Data NDJSON or HL7 v2 VXU messages.
 * A file that is neither (or empty) yields one rejected item.
 */
export async function* parseImportFile(source: AsyncIterable<Chunk>, opts: ImportFileOptions): AsyncGenerator<ImportItem> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let format: ImportFormat | 'unknown' | 'more' = 'more';
  let exhausted = false;
  let peeked = 0;
  while (format === 'more') {
    const r = await it.next();
    if (r.done) {
      exhausted = true;
      break;
    }
    const b = toBuffer(r.value);
    head.push(b);
    peeked += b.length;
    format = sniffFormat(head.length === 1 ? b : Buffer.concat(head));
    if (format === 'more' && peeked > PEEK_LIMIT) format = 'unknown';
  }
  if (format === 'fhir-ndjson' || format === 'hl7v2') opts.onFormat?.(format);
  if (format === 'fhir-ndjson') {
    yield* parseFhirNdjson(replay(head, it), { now: opts.now, maxLineBytes: opts.maxLineBytes });
    return;
  }
  if (format === 'hl7v2') {
    yield* parseHl7v2(replay(head, it), { now: opts.now, maxMessageBytes: opts.maxMessageBytes });
    return;
  }
  if (!exhausted) await it.return?.();
  const name = opts.filename ? `'${opts.filename.split(/[\\/]/).pop()!.slice(0, 100)}' ` : '';
  if (format === 'more') {
    yield { kind: 'rejected', position: 'file', reason: `file ${name}is empty` };
    return;
  }
  const start = Buffer.concat(head).toString('utf8').replace(/^\uFEFF?\s*/, '').slice(0, 8).replace(/[^\x20-\x7e]/g, '?');
  yield {
    kind: 'rejected', position: 'file',
    reason: `unrecognised format of file ${name}(starts with '${start}'): expected FHIR NDJSON ('{') or HL7 v2 (MSH, FHS or BHS)`,
  };
}
