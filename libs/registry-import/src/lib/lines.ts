/**
 * Streaming line splitting over raw bytes. Lines are cut at the byte level (0x0A and 0x0D never occur inside a
 * multi-byte UTF-8 sequence), so a character split across two chunks is only decoded once the whole line is in:
 * no decoder state is needed and nothing but the current line is ever held.
 */

export type LineEvent = { line: string; lineNo: number } | { tooLong: true; lineNo: number };

export const DEFAULT_MAX_LINE_BYTES = 1_000_000;

const LF = 0x0a;
const CR = 0x0d;

export function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * UTF-8 lines ended by \n or \r\n (the \r is dropped); a leading BOM is removed. A line longer than `maxLineBytes`
 * (terminator excluded) is not kept: it is reported as `{ tooLong: true, lineNo }` and skipped. A final line without
 * a terminator is still yielded; line numbers count from 1, empty lines included.
 */
export function readLines(source: AsyncIterable<Buffer | string>, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<LineEvent> {
  return splitLines(source, maxLineBytes, false);
}

/**
 * The splitter behind `readLines`. With `anyBreak`, a lone \r, a lone \n and \r\n all end a line (HL7 v2 segments):
 * \r\n counts as one break.
 */
export async function* splitLines(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  maxLineBytes: number,
  anyBreak: boolean,
): AsyncGenerator<LineEvent> {
  // In \n mode the line may carry a trailing \r that is not part of it: allow one byte for it while buffering.
  const holdLimit = anyBreak ? maxLineBytes : maxLineBytes + 1;
  let pieces: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let lineNo = 0;
  let pendingCr = false;

  const append = (piece: Buffer, copy: boolean): void => {
    if (skipping || piece.length === 0) return;
    if (size + piece.length > holdLimit) {
      skipping = true;
      pieces = [];
      size = 0;
      return;
    }
    // A piece kept past the current chunk is copied: the producer may reuse its buffer.
    pieces.push(copy ? Buffer.from(piece) : piece);
    size += piece.length;
  };

  const finish = (): LineEvent => {
    lineNo++;
    if (skipping) {
      skipping = false;
      return { tooLong: true, lineNo };
    }
    let bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
    pieces = [];
    size = 0;
    if (!anyBreak && bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > maxLineBytes) return { tooLong: true, lineNo };
    let line = bytes.toString('utf8');
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    return { line, lineNo };
  };

  for await (const chunk of source) {
    const buf = toBuffer(chunk);
    if (buf.length === 0) continue;
    let pos = 0;
    if (pendingCr) {
      pendingCr = false;
      if (buf[0] === LF) pos = 1;
    }
    let nextLf = -2;
    let nextCr = anyBreak ? -2 : -1;
    while (pos < buf.length) {
      if (nextLf !== -1 && nextLf < pos) nextLf = buf.indexOf(LF, pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = buf.indexOf(CR, pos);
      const end = nextLf === -1 ? nextCr : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
      if (end === -1) {
        append(buf.subarray(pos), true);
        break;
      }
      append(buf.subarray(pos, end), false);
      yield finish();
      pos = end + 1;
      if (anyBreak && buf[end] === CR) {
        if (pos === buf.length) pendingCr = true;
        else if (buf[pos] === LF) pos++;
      }
    }
  }
  if (size > 0 || skipping) yield finish();
}
