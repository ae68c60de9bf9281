import type { Signer } from '@tessera/shc-core';

/** The public half of a P-256 key, as generated (kid and use/alg are added by the keys service). */
export interface EcPublicKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * Where private signing keys live. The software store keeps them envelope-encrypted (AES-256-GCM under the master
 * key) in `issuer_key.private_ref`; an HSM or cloud KMS store would keep only a key reference there. The cards code
 * sees only `Signer` (64-byte R||S signatures), never key material.
 */
export interface KeyStore {
  /** Stored in `issuer_key.store`. */
  readonly name: string;
  /** Generates a P-256 key pair inside the store; `ref` is what the database keeps (never plaintext key material). */
  generate(): Promise<{ publicKey: EcPublicKey; ref: Buffer }>;
  /** A signer for the key behind `ref`. */
  signer(kid: string, ref: Buffer): Signer;
  /** Drops any in-memory copy of the key (it will not sign again in this process). */
  forget(kid: string): void;
  /** Destroys the private key behind `ref` (software store: nothing to do beyond dropping the sealed value). */
  destroy(kid: string, ref: Buffer): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');

/** What the cards code asks of the keys module. */
export interface ActiveSigning {
  keyId: string;
  kid: string;
  signer: Signer;
}
