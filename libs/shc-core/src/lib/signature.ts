/**
 * Signers. ES256 in JWS is the 64-byte IEEE P1363 form R‖S (RFC 7515 App. A.3), not the DER SEQUENCE that
 * OpenSSL, HSMs and cloud KMS return (dev-tools SIGNATURE_FORMAT_ERROR). The Signer contract is R‖S; `derSigner`
 * adapts a DER-returning backend, and signing refuses anything else with a clear error.
 */
import { type JsonWebKey, KeyObject, createPrivateKey, sign } from 'node:crypto';
import { ShcError } from './errors';
import { jwkThumbprint, p256Coordinates } from './jwk';

export const ES256_SIGNATURE_BYTES = 64;

export interface Signer {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  /** ECDSA P-256 / SHA-256 over `signingInput`, returned as 64-byte R‖S (IEEE P1363). */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

function readInteger(der: Uint8Array, offset: number): { value: Uint8Array; next: number } {
  if (der[offset] !== 0x02) throw new Error('expected INTEGER');
  const length = der[offset + 1];
  if (length === undefined || length === 0 || length > 33) throw new Error('bad INTEGER length');
  const start = offset + 2;
  const value = der.subarray(start, start + length);
  if (value.length !== length) throw new Error('truncated INTEGER');
  const [first, second] = value;
  if (first === undefined || (first & 0x80) !== 0) throw new Error('negative INTEGER');
  if (first === 0 && second !== undefined && (second & 0x80) === 0) throw new Error('non-minimal INTEGER');
  const unsigned = first === 0 && length > 1 ? value.subarray(1) : value;
  if (unsigned.length > 32) throw new Error('INTEGER longer than 32 bytes');
  return { value: unsigned, next: start + length };
}

/**
 * Converts a DER ECDSA-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }) for P-256 into 64-byte R‖S.
 * Throws ShcError SIGNATURE_FORMAT for anything that is not strict DER.
 */
export function derToJose(der: Uint8Array): Uint8Array {
  try {
    if (der[0] !== 0x30) throw new Error('expected SEQUENCE');
    const length = der[1];
    // P-256 signatures are at most 72 bytes: the length is always in short form.
    if (length === undefined || length >= 0x80 || length !== der.length - 2) throw new Error('bad SEQUENCE length');
    const r = readInteger(der, 2);
    const s = readInteger(der, r.next);
    if (s.next !== der.length) throw new Error('trailing bytes');
    const out = new Uint8Array(ES256_SIGNATURE_BYTES);
    out.set(r.value, 32 - r.value.length);
    out.set(s.value, 64 - s.value.length);
    return out;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ShcError('SIGNATURE_FORMAT', `not a DER ECDSA P-256 signature (${reason})`, { cause: error });
  }
}

/** Whether bytes parse as a DER ECDSA P-256 signature. */
export function isDerSignature(bytes: Uint8Array): boolean {
  try {
    derToJose(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Guard on a Signer's output: 64 bytes or a clear error (naming DER when that is what came back). */
export function assertJoseSignature(signature: Uint8Array): Uint8Array {
  if (signature.byteLength === ES256_SIGNATURE_BYTES) return signature;
  const hint = isDerSignature(signature)
    ? 'it is a DER-encoded ECDSA signature: wrap the backend with derSigner() (or convert with derToJose())'
    : 'it is neither R‖S nor DER';
  throw new ShcError(
    'SIGNATURE_FORMAT',
    `signer returned ${signature.byteLength} bytes; ES256 requires a 64-byte R‖S (IEEE P1363) signature: ${hint}`,
  );
}

/** Adapts a backend that returns DER signatures (HSM, cloud KMS, OpenSSL) to the Signer contract. */
export function derSigner(kid: string, signDer: (signingInput: Uint8Array) => Promise<Uint8Array>): Signer {
  return {
    kid,
    sign: async (signingInput) => derToJose(await signDer(signingInput)),
  };
}

/**
 * A software signer over a private EC P-256 key (JWK with `d`, or a private KeyObject): node:crypto with
 * dsaEncoding 'ieee-p1363'. For tests and the server's software key store.
 */
export function localSigner(key: JsonWebKey | KeyObject): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = key instanceof KeyObject ? key : createPrivateKey({ key, format: 'jwk' });
  } catch (error) {
    throw new ShcError('INVALID_KEY', 'not a usable private EC key', { cause: error });
  }
  if (privateKey.type !== 'private') throw new ShcError('INVALID_KEY', 'localSigner needs a private key');
  const kid = jwkThumbprint(p256Coordinates(privateKey));
  return {
    kid,
    sign: (signingInput) =>
      Promise.resolve(new Uint8Array(sign('sha256', signingInput, { key: privateKey, dsaEncoding: 'ieee-p1363' }))),
  };
}
