/**
 * Revocation identifiers (spec §10). rid = base64url(HMAC-SHA-256(key = secret ‖ kid, msg = user id)[0..8]) → 11
 * chars. The key is the secret's bytes followed by the UTF-8 bytes of the kid, as the spec's example generator does
 * (it concatenates the secret string and the kid string): the same person gets a different rid under each key.
 */
import { createHmac } from 'node:crypto';
import { base64urlEncode } from './encoding';
import { ShcError } from './errors';

export const RID_MAX_LENGTH = 24;
/** 256-bit secret, as RECOMMENDED by the spec. */
export const RID_SECRET_MIN_BYTES = 32;

const RID = /^[A-Za-z0-9_-]{1,24}$/;
const ENTRY = /^([A-Za-z0-9_-]{1,24})(?:\.(\d{1,12}))?$/;

export function isValidRid(rid: string): boolean {
  return RID.test(rid);
}

export function deriveRid(secret: Uint8Array, kid: string, userId: string): string {
  if (secret.byteLength < RID_SECRET_MIN_BYTES) {
    throw new ShcError('INVALID_RID', `rid secret must hold at least ${RID_SECRET_MIN_BYTES} bytes (256 bits)`);
  }
  if (kid === '') throw new ShcError('INVALID_RID', 'kid must not be empty');
  if (userId === '') throw new ShcError('INVALID_RID', 'user id must not be empty');
  const key = Buffer.concat([secret, Buffer.from(kid, 'utf8')]);
  const digest = createHmac('sha256', key).update(userId, 'utf8').digest();
  return base64urlEncode(digest.subarray(0, 8));
}

/** A CRL entry: `rid` (revoked outright) or `rid.<unix seconds>` (revoked when the card's nbf is before it). */
export interface CrlEntry {
  rid: string;
  revokedBefore?: number;
}

/** Parses a CRL entry, or returns null when it breaks the grammar (bad rid, non-integer timestamp). */
export function parseCrlEntry(entry: string): CrlEntry | null {
  const m = ENTRY.exec(entry);
  if (!m?.[1]) return null;
  return m[2] === undefined ? { rid: m[1] } : { rid: m[1], revokedBefore: Number(m[2]) };
}

export function formatCrlEntry(entry: CrlEntry): string {
  if (!isValidRid(entry.rid)) throw new ShcError('INVALID_RID', `rid "${entry.rid}" must be 1–24 base64url characters`);
  if (entry.revokedBefore === undefined) return entry.rid;
  if (!Number.isSafeInteger(entry.revokedBefore) || entry.revokedBefore < 0) {
    throw new ShcError('INVALID_RID', `revokedBefore must be integer unix seconds, got ${entry.revokedBefore}`);
  }
  return `${entry.rid}.${entry.revokedBefore}`;
}
