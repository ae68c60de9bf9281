/**
 * The `.smart-health-card` download (spec §8): body {"verifiableCredential":["<JWS>", …]}, served as
 * application/smart-health-card. JWS strings must not carry whitespace; the body must not start with a BOM.
 */
import { BOM, isJsonObject, parseJson, utf8Decode } from './encoding';
import { ShcError } from './errors';

export const HEALTH_CARD_FILE_MEDIA_TYPE = 'application/smart-health-card';
export const HEALTH_CARD_FILE_EXTENSION = '.smart-health-card';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function invalidFile(message: string): ShcError {
  return new ShcError('INVALID_FILE', message);
}

function checkJws(jws: unknown, index: number): string {
  if (typeof jws !== 'string') throw invalidFile(`verifiableCredential[${index}] is not a string`);
  if (/\s/.test(jws)) throw invalidFile(`verifiableCredential[${index}] contains whitespace or a line break`);
  if (jws.includes(BOM)) throw invalidFile(`verifiableCredential[${index}] contains a byte order mark`);
  if (!COMPACT_JWS.test(jws)) throw invalidFile(`verifiableCredential[${index}] is not a compact JWS`);
  return jws;
}

export function buildHealthCardFile(jwsList: readonly string[]): string {
  if (jwsList.length === 0) throw invalidFile('a health card file holds at least one credential');
  return JSON.stringify({ verifiableCredential: jwsList.map((jws, i) => checkJws(jws, i)) });
}

/** Parses a file body (text or bytes) into its JWS strings. Throws ShcError INVALID_FILE. */
export function parseHealthCardFile(body: string | Uint8Array): string[] {
  const text = typeof body === 'string' ? body : utf8Decode(body);
  if (text === null) throw invalidFile('file is not valid UTF-8');
  if (text.startsWith(BOM)) throw invalidFile('file starts with a UTF-8 byte order mark');
  const parsed = parseJson(text);
  if (parsed === null) throw invalidFile('file is not JSON');
  const value = parsed.value;
  if (!isJsonObject(value) || !Array.isArray(value['verifiableCredential'])) {
    throw invalidFile('file must be an object with a "verifiableCredential" array');
  }
  const list = value['verifiableCredential'];
  if (list.length === 0) throw invalidFile('verifiableCredential is empty');
  return list.map((jws, i) => checkJws(jws, i));
}
