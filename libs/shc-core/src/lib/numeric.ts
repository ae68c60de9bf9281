/**
 * The `shc:/` numeric encoding (spec §9): each JWS character c → two digits ord(c) − 45 ("-" = 00 … "z" = 77).
 * Decoding is strict: BOM, surrounding whitespace, odd digit counts, pairs > 77 and chunked `shc:/C/N/` forms are
 * refused with typed errors.
 */
import { BOM } from './encoding';
import { ChunkedQrError, ShcError } from './errors';

export const SHC_PREFIX = 'shc:/';
const OFFSET = 45;
const MAX_PAIR = 77;
const CHUNKED = /^shc:\/(\d+)\/(\d+)\/(\d*)$/;

function invalidQr(message: string): ShcError {
  return new ShcError('INVALID_QR', message);
}

/** Digits only (no prefix). Refuses characters outside "-"…"z" (a JWS is base64url plus "."). */
export function jwsToNumeric(jws: string): string {
  let digits = '';
  for (let i = 0; i < jws.length; i++) {
    const value = jws.charCodeAt(i) - OFFSET;
    if (value < 0 || value > MAX_PAIR) {
      throw invalidQr(`character ${JSON.stringify(jws[i])} at position ${i} cannot be numerically encoded`);
    }
    digits += value < 10 ? `0${value}` : String(value);
  }
  return digits;
}

/** Inverse of jwsToNumeric (digits only, no prefix). */
export function numericToJws(digits: string): string {
  if (!/^\d*$/.test(digits)) {
    const at = digits.search(/\D/);
    throw invalidQr(`numeric QR content has a non-digit ${JSON.stringify(digits[at])} at position ${at}`);
  }
  if (digits.length === 0) throw invalidQr('numeric QR content is empty');
  if (digits.length % 2 !== 0) throw invalidQr(`numeric QR content has an odd number of digits (${digits.length})`);
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    if (value > MAX_PAIR) throw invalidQr(`digit pair "${digits.slice(i, i + 2)}" at position ${i} is above ${MAX_PAIR}`);
    jws += String.fromCharCode(value + OFFSET);
  }
  return jws;
}

/** `shc:/` + digits: the QR text of a card. */
export function encodeShc(jws: string): string {
  return SHC_PREFIX + jwsToNumeric(jws);
}

function checkSurroundings(text: string): void {
  if (text.startsWith(BOM)) throw invalidQr('QR text starts with a UTF-8 byte order mark');
  if (/^\s/.test(text)) throw invalidQr('QR text has leading whitespace');
  if (/\s$/.test(text)) throw invalidQr('QR text has trailing whitespace or a line break');
}

/**
 * Decodes one `shc:/…` QR text into the JWS. Throws ChunkedQrError for a `shc:/C/N/…` chunk (deprecated) and
 * ShcError INVALID_QR otherwise.
 */
export function decodeShc(text: string): string {
  checkSurroundings(text);
  if (!text.startsWith(SHC_PREFIX)) throw invalidQr('QR text does not start with "shc:/"');
  const chunk = CHUNKED.exec(text);
  if (chunk) throw new ChunkedQrError(Number(chunk[1]), Number(chunk[2]));
  return numericToJws(text.slice(SHC_PREFIX.length));
}

export interface ShcChunk {
  index: number;
  count: number;
  digits: string;
}

/** Parses a legacy chunk `shc:/C/N/<digits>`; null when the text is not in chunked form. */
export function parseShcChunk(text: string): ShcChunk | null {
  const m = CHUNKED.exec(text);
  if (!m) return null;
  return { index: Number(m[1]), count: Number(m[2]), digits: m[3] ?? '' };
}

/**
 * Reassembles a legacy chunked QR set (verifiers may still read them; issuers must not produce them).
 * Chunks may come in any order; all N must be present exactly once.
 */
export function decodeChunkedShc(texts: readonly string[]): string {
  const chunks = texts.map((text, i) => {
    checkSurroundings(text);
    const chunk = parseShcChunk(text);
    if (chunk === null) throw invalidQr(`QR ${i} is not a chunk of the form shc:/C/N/<digits>`);
    return chunk;
  });
  const count = chunks[0]?.count;
  if (count === undefined) throw invalidQr('no QR chunks given');
  if (count < 2) throw invalidQr(`shc:/${chunks[0]?.index ?? 1}/${count}/ is not a valid chunk header (N must be ≥ 2)`);
  if (chunks.some((c) => c.count !== count)) throw invalidQr('QR chunks disagree on the chunk count');
  const ordered: string[] = [];
  for (const chunk of chunks) {
    if (chunk.index < 1 || chunk.index > count) throw invalidQr(`chunk index ${chunk.index} is outside 1..${count}`);
    if (ordered[chunk.index - 1] !== undefined) throw invalidQr(`chunk ${chunk.index} of ${count} appears twice`);
    ordered[chunk.index - 1] = chunk.digits;
  }
  for (let i = 0; i < count; i++) {
    if (ordered[i] === undefined) throw invalidQr(`chunk ${i + 1} of ${count} is missing`);
  }
  return ordered.map((digits) => numericToJws(digits)).join('');
}
