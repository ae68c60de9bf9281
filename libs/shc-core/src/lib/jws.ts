/**
 * Compact JWS for SMART Health Cards (spec §5): header exactly {"zip":"DEF","alg":"ES256","kid":…} in that member
 * order, payload = base64url(raw DEFLATE(minified JSON)), signature = base64url(64-byte R‖S).
 */
import { type JsonObject, base64urlDecode, base64urlEncode, isJsonObject, parseJson, utf8Decode, utf8Encode } from './encoding';
import { ShcError } from './errors';
import { type HealthCardPayload, encodePayload } from './payload';
import { type Signer, assertJoseSignature } from './signature';

export interface ShcJwsHeader {
  zip: 'DEF';
  alg: 'ES256';
  kid: string;
}

const KID = /^[A-Za-z0-9_-]{43}$/;

/** The serialised header, in the member order the spec's examples use. */
export function serializeJwsHeader(kid: string): string {
  if (!KID.test(kid)) throw new ShcError('INVALID_KEY', `kid "${kid}" is not a 43-char base64url RFC 7638 thumbprint`);
  const header: ShcJwsHeader = { zip: 'DEF', alg: 'ES256', kid };
  return JSON.stringify(header);
}

/** Signs already-compressed payload bytes. */
export async function signCompressedPayload(compressed: Uint8Array, signer: Signer): Promise<string> {
  const signingInput = `${base64urlEncode(utf8Encode(serializeJwsHeader(signer.kid)))}.${base64urlEncode(compressed)}`;
  const signature = assertJoseSignature(await signer.sign(utf8Encode(signingInput)));
  return `${signingInput}.${base64urlEncode(signature)}`;
}

/** Minifies, raw-DEFLATEs and signs the payload: the card as a compact JWS. */
export async function signJws(payload: HealthCardPayload<unknown>, signer: Signer): Promise<string> {
  return signCompressedPayload(encodePayload(payload), signer);
}

export interface ParsedJws {
  header: JsonObject;
  /** Raw (still compressed) payload bytes. */
  payload: Uint8Array;
  signature: Uint8Array;
  /** ASCII bytes of `<header>.<payload>`: what the signature covers. */
  signingInput: Uint8Array;
}

/**
 * Splits and decodes a compact JWS: three non-empty base64url parts and a JSON-object header. Throws ShcError
 * INVALID_JWS naming the first problem. Header values and the signature are not judged here (see verifyCard).
 */
export function parseJws(jws: string): ParsedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new ShcError('INVALID_JWS', `a compact JWS has 3 dot-separated parts, found ${parts.length}`);
  const [h, p, s] = parts as [string, string, string];
  const names = ['header', 'payload', 'signature'];
  const decoded = [h, p, s].map((part, i) => {
    const bytes = part === '' ? null : base64urlDecode(part);
    if (bytes === null) throw new ShcError('INVALID_JWS', `JWS ${names[i] ?? ''} is not non-empty base64url`);
    return bytes;
  }) as [Uint8Array, Uint8Array, Uint8Array];
  const headerText = utf8Decode(decoded[0]);
  const header = headerText === null ? null : parseJson(headerText);
  if (header === null || !isJsonObject(header.value)) throw new ShcError('INVALID_JWS', 'JWS header is not a JSON object');
  return { header: header.value, payload: decoded[1], signature: decoded[2], signingInput: utf8Encode(`${h}.${p}`) };
}
