import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelope encryption of small secrets (TOTP secrets now; private keys and stored cards later).
 * Each value gets a fresh data key, itself wrapped under the master key, so rotating the master key
 * only rewraps data keys. Layout: "TE1" | wrapIv(12) | wrapTag(16) | wrappedKey(32) | iv(12) | tag(16) | ciphertext.
 * `aad` binds a value to its place (e.g. "staff.mfa_secret:<id>"), so a copied ciphertext will not decrypt elsewhere.
 */
const MAGIC = Buffer.from('TE1');

export class Envelope {
  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  }

  seal(plaintext: Buffer, aad: string): Buffer {
    const dataKey = randomBytes(32);
    const wrapIv = randomBytes(12);
    const wrap = createCipheriv('aes-256-gcm', this.masterKey, wrapIv);
    wrap.setAAD(Buffer.from(`wrap:${aad}`));
    const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final()]);
    const iv = randomBytes(12);
    const enc = createCipheriv('aes-256-gcm', dataKey, iv);
    enc.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([enc.update(plaintext), enc.final()]);
    dataKey.fill(0);
    return Buffer.concat([MAGIC, wrapIv, wrap.getAuthTag(), wrapped, iv, enc.getAuthTag(), ct]);
  }

  open(sealed: Buffer, aad: string): Buffer {
    if (sealed.length < 3 + 12 + 16 + 32 + 12 + 16 || !sealed.subarray(0, 3).equals(MAGIC)) {
      throw new Error('sealed value is not in the expected format');
    }
    let o = 3;
    const take = (n: number) => sealed.subarray(o, (o += n));
    const wrapIv = take(12), wrapTag = take(16), wrapped = take(32), iv = take(12), tag = take(16);
    const ct = sealed.subarray(o);
    const unwrap = createDecipheriv('aes-256-gcm', this.masterKey, wrapIv);
    unwrap.setAAD(Buffer.from(`wrap:${aad}`));
    unwrap.setAuthTag(wrapTag);
    const dataKey = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
    const dec = createDecipheriv('aes-256-gcm', dataKey, iv);
    dec.setAAD(Buffer.from(aad));
    dec.setAuthTag(tag);
    const out = Buffer.concat([dec.update(ct), dec.final()]);
    dataKey.fill(0);
    return out;
  }
}
