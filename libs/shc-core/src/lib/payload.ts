/**
 * The JWS payload (spec §5): build it, serialise it minified, raw-DEFLATE it, and inflate it back with a cap.
 * zlib is computation, not I/O; the clock is the caller's `now`.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HealthCardBundle } from './bundle';
import { type JsonObject, utf8Decode, utf8Encode } from './encoding';
import { ShcError } from './errors';
import { isValidRid } from './rid';

export const HEALTH_CARD_VC_TYPE = 'https://smarthealth.cards#health-card';
export const FHIR_VERSION = '4.0.1';
/** Default cap for an inflated payload: example 02 (the spec's oversize card) is 30 KB. */
export const DEFAULT_MAX_INFLATED_BYTES = 128 * 1024;

export interface HealthCardPayload<B = HealthCardBundle> {
  iss: string;
  /** NumericDate in seconds (integer for cards we issue). */
  nbf: number;
  exp?: number;
  vc: {
    type: string[];
    credentialSubject: { fhirVersion: string; fhirBundle: B };
    rid?: string;
  };
}

export interface PayloadInput {
  iss: string;
  bundle: HealthCardBundle;
  /** Issuance time from the injected clock; nbf = floor(seconds). */
  now: Date;
  rid?: string;
  /** Only for cards that really expire (visitor passes): spec §5 "Health Cards generally do not expire". */
  expiresAt?: Date;
  /**
   * Development only: accept a plain-http `iss` on localhost / 127.0.0.1 (otherwise well-formed), so an issuer can run
   * without TLS on a workstation. Such cards will not pass a verifier app (spec §2 requires https).
   */
  allowLocalhostHttp?: boolean;
}

/** Why `iss` breaks spec §2 (https, no trailing slash), or null when it is fine. */
export function issuerUrlProblem(iss: string): string | null {
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return `iss "${iss}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:') return `iss "${iss}" must use https`;
  if (iss.endsWith('/')) return `iss "${iss}" must not end with "/"`;
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return `iss "${iss}" must not carry a query, fragment or credentials`;
  }
  if (iss !== iss.trim()) return `iss "${iss}" has surrounding whitespace`;
  return null;
}

function epochSeconds(date: Date, field: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new ShcError('INVALID_CARD_INPUT', `${field} is an invalid Date`);
  return Math.floor(ms / 1000);
}

/** A plain-http localhost issuer that would be valid over https (see PayloadInput.allowLocalhostHttp). */
export function isLocalhostHttpIssuer(iss: string): boolean {
  return /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(iss) && issuerUrlProblem(`https://${iss.slice('http://'.length)}`) === null;
}

export function buildPayload(input: PayloadInput): HealthCardPayload {
  const problem = issuerUrlProblem(input.iss);
  if (problem !== null && !(input.allowLocalhostHttp === true && isLocalhostHttpIssuer(input.iss))) {
    throw new ShcError('INVALID_ISSUER', problem);
  }
  if (input.rid !== undefined && !isValidRid(input.rid)) {
    throw new ShcError('INVALID_RID', `rid "${input.rid}" must be 1–24 base64url characters`);
  }
  const nbf = epochSeconds(input.now, 'now');
  const payload: HealthCardPayload = {
    iss: input.iss,
    nbf,
    vc: {
      type: [HEALTH_CARD_VC_TYPE],
      credentialSubject: { fhirVersion: FHIR_VERSION, fhirBundle: input.bundle },
    },
  };
  if (input.rid !== undefined) payload.vc.rid = input.rid;
  if (input.expiresAt !== undefined) {
    const exp = epochSeconds(input.expiresAt, 'expiresAt');
    if (exp <= nbf) throw new ShcError('INVALID_CARD_INPUT', `expiresAt (${exp}) must be after now (${nbf})`);
    payload.exp = exp;
  }
  return payload;
}

/** Minified JSON (no whitespace), as the spec requires before compression. */
export function serializePayload(payload: HealthCardPayload<unknown> | JsonObject): string {
  return JSON.stringify(payload);
}

/** Raw DEFLATE (RFC 1951, no zlib/gzip header), level 9. */
export function deflatePayload(json: string): Uint8Array {
  return new Uint8Array(deflateRawSync(utf8Encode(json), { level: 9 }));
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function wrapperHint(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  if (b0 === 0x1f && b1 === 0x8b) return ' (it starts with a gzip header: use raw DEFLATE, zlib.deflateRawSync)';
  if (b0 === 0x78 && b1 !== undefined && ((b0 << 8) | b1) % 31 === 0) {
    return ' (it starts with a zlib header: use raw DEFLATE, zlib.deflateRawSync, not deflateSync)';
  }
  return '';
}

/**
 * Inflates a raw-DEFLATE payload into UTF-8 text. Throws ShcError INFLATE_LIMIT when the output would exceed
 * `maxBytes` (decompression bomb) and INFLATE_FAILED when the bytes are not raw DEFLATE or not UTF-8.
 */
export function inflatePayload(bytes: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED_BYTES): string {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') {
      throw new ShcError('INFLATE_LIMIT', `payload inflates to more than ${maxBytes} bytes: refused (decompression bomb?)`, {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShcError('INFLATE_FAILED', `payload is not raw DEFLATE: ${reason}${wrapperHint(bytes)}`, { cause: error });
  }
  const text = utf8Decode(inflated);
  if (text === null) throw new ShcError('INFLATE_FAILED', 'inflated payload is not valid UTF-8');
  return text;
}

/** Serialises, then compresses: the bytes that become the JWS payload segment. */
export function encodePayload(payload: HealthCardPayload<unknown>): Uint8Array {
  return deflatePayload(serializePayload(payload));
}
