import { Injectable } from '@nestjs/common';
import { createPrivateKey, generateKeyPair as generateKeyPairCb, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { jwkThumbprint, localSigner, p256Coordinates, type Signer } from '@tessera/shc-core';
import { Envelope } from '../crypto/envelope';
import type { EcPublicKey, KeyStore } from './key-store';

const generateKeyPair = promisify(generateKeyPairCb);

/** Binds a sealed private key to its kid: a ciphertext copied onto another key's row will not open. */
export const privateKeyAad = (kid: string) => `issuer_key:${kid}`;

/**
 * The software key store: P-256 keys generated with node:crypto; the private JWK is sealed with the envelope
 * (AES-256-GCM under the master key) and the sealed bytes are what `issuer_key.private_ref` holds.
 *
 * Opening the envelope and importing the key costs two AES-GCM operations and a key import, more than the signature
 * itself; a card is signed in well under a millisecond, so each kid's KeyObject is kept in memory once opened. The
 * cache holds only what the process already had to hold to sign, and `destroy` drops it.
 */
@Injectable()
export class SoftwareKeyStore implements KeyStore {
  readonly name = 'software';
  private readonly signers = new Map<string, Signer>();

  constructor(private readonly envelope: Envelope) {}

  async generate(): Promise<{ publicKey: EcPublicKey; ref: Buffer }> {
    const { privateKey } = await generateKeyPair('ec', { namedCurve: 'P-256' });
    const publicKey = p256Coordinates(privateKey);
    const plain = Buffer.from(JSON.stringify(privateKey.export({ format: 'jwk' })), 'utf8');
    try {
      return { publicKey, ref: this.envelope.seal(plain, privateKeyAad(jwkThumbprint(publicKey))) };
    } finally {
      plain.fill(0);
    }
  }

  signer(kid: string, ref: Buffer): Signer {
    const cached = this.signers.get(kid);
    if (cached) return cached;
    const signer = localSigner(this.open(kid, ref));
    // The AAD already ties the ciphertext to the kid; this also catches a row whose kid was edited by hand.
    if (signer.kid !== kid) throw new Error(`the private key stored for ${kid} does not match its kid`);
    // At most two keys in memory (the active one and a candidate being activated). The process that retires or
    // revokes a key forgets it at once; other server processes drop it when the next key is loaded.
    while (this.signers.size >= 2) this.signers.delete(this.signers.keys().next().value!);
    this.signers.set(kid, signer);
    return signer;
  }

  forget(kid: string): void {
    this.signers.delete(kid);
  }

  destroy(kid: string): Promise<void> {
    // The sealed value lives only in the database row, which the caller clears; nothing else holds the key.
    this.signers.delete(kid);
    return Promise.resolve();
  }

  private open(kid: string, ref: Buffer): KeyObject {
    let plain: Buffer;
    try {
      plain = this.envelope.open(ref, privateKeyAad(kid));
    } catch {
      // No detail from the cipher: it never helps and must not echo anything about the value.
      throw new Error(`the private key of ${kid} cannot be opened with this master key`);
    }
    try {
      return createPrivateKey({ key: JSON.parse(plain.toString('utf8')) as JsonWebKey, format: 'jwk' });
    } finally {
      plain.fill(0);
    }
  }
}
