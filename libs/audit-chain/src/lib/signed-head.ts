import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A chain head, signed with the audit key and kept outside the table. */
export interface SignedHead {
  seq: string;
  hash: string;
  signedAt: string;
  /** base64url Ed25519 signature over canonicalJson({seq, hash, signedAt}). */
  signature: string;
}

export function generateAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signHead(privateKeyPem: string, head: Omit<SignedHead, 'signature'>): SignedHead {
  const key = createPrivateKey(privateKeyPem);
  const payload = Buffer.from(canonicalJson({ seq: head.seq, hash: head.hash, signedAt: head.signedAt }));
  return { ...head, signature: sign(null, payload, key).toString('base64url') };
}

export function publicKeyOf(privateKeyPem: string): KeyObject {
  return createPublicKey(createPrivateKey(privateKeyPem));
}

export function verifyHeadSignature(publicKey: KeyObject, head: SignedHead): boolean {
  const payload = Buffer.from(canonicalJson({ seq: head.seq, hash: head.hash, signedAt: head.signedAt }));
  try {
    return verify(null, payload, publicKey, Buffer.from(head.signature, 'base64url'));
  } catch {
    return false;
  }
}

export type HeadStatus = 'ok' | 'bad_signature' | 'missing_rows' | 'hash_mismatch';

/**
 * Checks a signed head against the table: the signature must hold, the entry at `seq` must exist and carry
 * the signed hash. `hashAt(seq)` returns the stored hash at that sequence number, or null if there is none.
 */
export async function checkSignedHead(
  publicKey: KeyObject,
  head: SignedHead,
  hashAt: (seq: string) => Promise<string | null>,
): Promise<HeadStatus> {
  if (!verifyHeadSignature(publicKey, head)) return 'bad_signature';
  const stored = await hashAt(head.seq);
  if (stored === null) return 'missing_rows';
  return stored === head.hash ? 'ok' : 'hash_mismatch';
}
