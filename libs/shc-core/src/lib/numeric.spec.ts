import { randomBytes } from 'node:crypto';
import { ChunkedQrError, ShcError } from './errors';
import { decodeChunkedShc, decodeShc, encodeShc, jwsToNumeric, numericToJws, parseShcChunk } from './numeric';

const HEADER = Buffer.from('{"zip":"DEF","alg":"ES256","kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s"}').toString('base64url');

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('encodeShc', () => {
  it('matches the worked example of spec §9', () => {
    expect(encodeShc(`${HEADER}.x.y`)).toMatch(/^shc:\/567629095243206034602924374044603122295953265460346029254077/);
  });

  it('maps "-" to 00, "." to 01 and "z" to 77', () => {
    expect(jwsToNumeric('-.z')).toBe('000177');
  });

  it('round-trips random base64url JWS-like text', () => {
    for (let i = 0; i < 50; i++) {
      const jws = [16, 300, 64].map((n) => randomBytes(n).toString('base64url')).join('.');
      const qr = encodeShc(jws);
      expect(qr).toHaveLength(5 + 2 * jws.length);
      expect(decodeShc(qr)).toBe(jws);
    }
  });

  it('refuses characters that cannot be encoded', () => {
    expect(() => jwsToNumeric('ab{')).toThrow(/position 2/);
    expect(() => jwsToNumeric('a b')).toThrow(ShcError);
  });
});

describe('decodeShc', () => {
  it.each([
    ['an odd digit count', 'shc:/567', /odd number of digits/],
    ['a pair above 77', 'shc:/5678', /"78" at position 2 is above 77/],
    ['a non-digit', 'shc:/56a6', /non-digit "a" at position 2/],
    ['no digits', 'shc:/', /empty/],
    ['another scheme', 'SHC:/5676', /does not start with "shc:\/"/],
    ['a BOM', '\uFEFFshc:/5676', /byte order mark/],
    ['a trailing newline', 'shc:/5676\n', /trailing whitespace/],
    ['trailing spaces', 'shc:/5676  ', /trailing whitespace/],
    ['leading whitespace', ' shc:/5676', /leading whitespace/],
  ])('refuses %s', (_label, text, message) => {
    const error = caught(() => decodeShc(text));
    expect(error).toBeInstanceOf(ShcError);
    expect((error as ShcError).code).toBe('INVALID_QR');
    expect((error as ShcError).message).toMatch(message);
  });

  it('refuses a chunk with a typed error naming the chunk and the deprecation', () => {
    const error = caught(() => decodeShc('shc:/2/3/5676'));
    expect(error).toBeInstanceOf(ChunkedQrError);
    expect(error).toMatchObject({ code: 'QR_CHUNKED', chunkIndex: 2, chunkCount: 3 });
    expect((error as Error).message).toMatch(/chunk 2 of 3.*deprecated/);
  });
});

describe('chunked (legacy) QR sets', () => {
  const jws = `${HEADER}.${randomBytes(500).toString('base64url')}.${randomBytes(64).toString('base64url')}`;
  const digits = jwsToNumeric(jws);
  const third = Math.ceil(jws.length / 3) * 2;
  const parts = [0, 1, 2].map((i) => `shc:/${i + 1}/3/${digits.slice(i * third, (i + 1) * third)}`);

  it('parses a chunk header', () => {
    expect(parseShcChunk('shc:/1/3/0102')).toEqual({ index: 1, count: 3, digits: '0102' });
    expect(parseShcChunk('shc:/0102')).toBeNull();
  });

  it('reassembles chunks in any order', () => {
    expect(decodeChunkedShc([parts[2], parts[0], parts[1]] as string[])).toBe(jws);
  });

  it.each<[string, () => string[], RegExp]>([
    ['a missing chunk', () => [parts[0], parts[2]] as string[], /chunk 2 of 3 is missing/],
    ['a repeated chunk', () => [parts[0], parts[0], parts[1]] as string[], /appears twice/],
    ['counts that disagree', () => [parts[0] as string, 'shc:/2/4/00'], /disagree/],
    ['an index out of range', () => ['shc:/4/3/00', parts[0] as string], /outside 1..3/],
    ['a single-chunk header', () => ['shc:/1/1/0000'], /N must be ≥ 2/],
    ['an unchunked text', () => ['shc:/0000'], /not a chunk/],
    ['no chunks', () => [], /no QR chunks/],
  ])('refuses %s', (_label, texts, message) => {
    expect(() => decodeChunkedShc(texts())).toThrow(message);
  });

  it('keeps numeric checks inside chunks', () => {
    expect(() => numericToJws('99')).toThrow(/above 77/);
  });
});
