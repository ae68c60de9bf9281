/**
 * Issuer keys (spec §3): kid = RFC 7638 thumbprint, the public projection served in jwks.json, and validation of a
 * published key set (the checks dev-tools and the VCI directory run: kty/crv/alg/use, kid, no private members, x5c).
 */
import { KeyObject, X509Certificate, createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { base64urlDecode, isJsonObject } from './encoding';
import { ShcError } from './errors';

export interface EcPublicCoordinates {
  kty: string;
  crv: string;
  x: string;
  y: string;
}

/** A SMART Health Cards signing key as published: never carries `d`. */
export interface ShcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
  crlVersion?: number;
  x5c?: string[];
}

export interface JwkSetInput {
  readonly keys: readonly unknown[];
}

/** RFC 7638 thumbprint over exactly `{"crv":…,"kty":…,"x":…,"y":…}` → SHA-256 → base64url (43 chars). */
export function jwkThumbprint(jwk: EcPublicCoordinates): string {
  const input = `{"crv":${JSON.stringify(jwk.crv)},"kty":${JSON.stringify(jwk.kty)},"x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return createHash('sha256').update(input, 'utf8').digest('base64url');
}

function toPublicKeyObject(key: JsonWebKey | KeyObject): KeyObject {
  try {
    if (key instanceof KeyObject) return key.type === 'public' ? key : createPublicKey(key);
    return createPublicKey({ key, format: 'jwk' });
  } catch (error) {
    throw new ShcError('INVALID_KEY', 'not a usable EC key', { cause: error });
  }
}

/** EC P-256 public coordinates of a private or public key; throws INVALID_KEY for anything else. */
export function p256Coordinates(key: JsonWebKey | KeyObject): EcPublicCoordinates & { kty: 'EC'; crv: 'P-256' } {
  const publicKey = toPublicKeyObject(key);
  if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ShcError('INVALID_KEY', 'SMART Health Cards keys must be EC P-256 (ES256)');
  }
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new ShcError('INVALID_KEY', 'key has no x/y coordinates');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** The JWK to publish for a key (private input is fine: only x/y are taken). */
export function publicJwk(key: JsonWebKey | KeyObject, options: { crlVersion?: number } = {}): ShcPublicJwk {
  const { kty, crv, x, y } = p256Coordinates(key);
  const jwk: ShcPublicJwk = { kty, crv, x, y, kid: jwkThumbprint({ kty, crv, x, y }), use: 'sig', alg: 'ES256' };
  if (options.crlVersion !== undefined) {
    if (!Number.isSafeInteger(options.crlVersion) || options.crlVersion < 1) {
      throw new ShcError('INVALID_KEY', `crlVersion must be an integer ≥ 1, got ${options.crlVersion}`);
    }
    jwk.crlVersion = options.crlVersion;
  }
  return jwk;
}

export type KeyFindingCode =
  | 'KEY_SET_SCHEMA'
  | 'KEY_SCHEMA'
  | 'KEY_KTY'
  | 'KEY_CRV'
  | 'KEY_ALG'
  | 'KEY_USE'
  | 'KEY_KID'
  | 'KEY_PRIVATE'
  | 'KEY_X5C'
  | 'KEY_DUPLICATE';

export interface KeyFinding {
  code: KeyFindingCode;
  severity: 'error' | 'warning';
  message: string;
  /** Position in `keys`, when the finding is about one key. */
  index?: number;
  kid?: string;
}

export interface KeySetValidation {
  /** Keys without errors, usable to verify cards. */
  keys: ShcPublicJwk[];
  findings: KeyFinding[];
  valid: boolean;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function checkX5c(x5c: unknown, x: string, y: string): string | null {
  if (!Array.isArray(x5c) || x5c.length === 0) return 'x5c must be a non-empty array';
  if (!x5c.every((c): c is string => typeof c === 'string' && STANDARD_BASE64.test(c))) {
    return 'x5c entries must be standard base64 (not base64url) DER certificates';
  }
  const [leaf] = x5c;
  if (leaf === undefined) return 'x5c must be a non-empty array';
  try {
    const cert = new X509Certificate(Buffer.from(leaf, 'base64'));
    const leafJwk = cert.publicKey.export({ format: 'jwk' });
    if (leafJwk.crv !== 'P-256' || leafJwk.x !== x || leafJwk.y !== y) return 'x5c leaf certificate key does not match crv/x/y';
  } catch {
    return 'x5c leaf is not a parseable X.509 certificate';
  }
  return null;
}

function validateKey(input: unknown, index: number, findings: KeyFinding[]): ShcPublicJwk | null {
  const before = findings.length;
  const kidOf = isJsonObject(input) && typeof input['kid'] === 'string' ? input['kid'] : undefined;
  const error = (code: KeyFindingCode, message: string): void =>
    void findings.push({ code, severity: 'error', message: `keys[${index}]: ${message}`, index, kid: kidOf });
  if (!isJsonObject(input)) {
    error('KEY_SCHEMA', 'not a JSON object');
    return null;
  }
  const { kty, crv, x, y, kid, use, alg, crlVersion, x5c } = input;
  const present = PRIVATE_MEMBERS.filter((m) => m in input);
  if (present.length > 0) error('KEY_PRIVATE', `private key material published (${present.join(', ')})`);
  if (kty !== 'EC') error('KEY_KTY', `kty must be "EC", got ${JSON.stringify(kty ?? null)}`);
  if (crv !== 'P-256') error('KEY_CRV', `crv must be "P-256", got ${JSON.stringify(crv ?? null)}`);
  if (alg !== 'ES256') error('KEY_ALG', `alg must be "ES256", got ${JSON.stringify(alg ?? null)}`);
  if (use !== 'sig') error('KEY_USE', `use must be "sig", got ${JSON.stringify(use ?? null)}`);
  const coordsOk = typeof x === 'string' && typeof y === 'string' &&
    base64urlDecode(x)?.byteLength === 32 && base64urlDecode(y)?.byteLength === 32;
  if (!coordsOk) error('KEY_SCHEMA', 'x and y must be base64url 32-byte coordinates');
  else if (kty === 'EC' && crv === 'P-256') {
    try {
      createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
    } catch {
      error('KEY_SCHEMA', 'x/y is not a point on P-256');
    }
  }
  if (typeof kid !== 'string' || kid === '') error('KEY_KID', 'kid must be a non-empty string');
  else if (typeof kty === 'string' && typeof crv === 'string' && coordsOk && kid !== jwkThumbprint({ kty, crv, x, y })) {
    error('KEY_KID', `kid "${kid}" is not the RFC 7638 thumbprint of the key`);
  }
  if (crlVersion !== undefined && (typeof crlVersion !== 'number' || !Number.isSafeInteger(crlVersion) || crlVersion < 1)) {
    error('KEY_SCHEMA', `crlVersion must be an integer ≥ 1, got ${JSON.stringify(crlVersion)}`);
  }
  if (x5c !== undefined && typeof x === 'string' && typeof y === 'string') {
    const problem = checkX5c(x5c, x, y);
    if (problem !== null) error('KEY_X5C', problem);
  }
  if (findings.length > before || typeof kid !== 'string' || typeof x !== 'string' || typeof y !== 'string') return null;
  const key: ShcPublicJwk = { kty: 'EC', crv: 'P-256', x, y, kid, use: 'sig', alg: 'ES256' };
  if (typeof crlVersion === 'number') key.crlVersion = crlVersion;
  if (Array.isArray(x5c)) key.x5c = x5c.filter((c): c is string => typeof c === 'string');
  return key;
}

/** Validates a published JWK Set. Only keys without errors are returned in `keys`. */
export function validateKeySet(input: unknown): KeySetValidation {
  const findings: KeyFinding[] = [];
  if (!isJsonObject(input) || !Array.isArray(input['keys'])) {
    findings.push({ code: 'KEY_SET_SCHEMA', severity: 'error', message: 'key set must be an object {"keys":[…]}' });
    return { keys: [], findings, valid: false };
  }
  const raw = input['keys'];
  if (raw.length === 0) findings.push({ code: 'KEY_SET_SCHEMA', severity: 'error', message: 'key set has no keys' });
  const keys: ShcPublicJwk[] = [];
  raw.forEach((entry, index) => {
    const key = validateKey(entry, index, findings);
    if (key === null) return;
    const twin = keys.find((k) => k.kid === key.kid);
    if (twin === undefined) {
      keys.push(key);
    } else if (twin.x5c === undefined || key.x5c === undefined || twin.x5c.join() === key.x5c.join()) {
      // Same kid ⇒ same x/y (kid is the thumbprint); repeats are legal only to carry different x5c chains.
      findings.push({ code: 'KEY_DUPLICATE', severity: 'warning', message: `keys[${index}]: kid "${key.kid}" repeated without a different x5c`, index, kid: key.kid });
    } else {
      keys.push(key);
    }
  });
  return { keys, findings, valid: !findings.some((f) => f.severity === 'error') };
}
