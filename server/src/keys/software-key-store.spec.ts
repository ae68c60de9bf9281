import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { jwkThumbprint } from '@tessera/shc-core';
import { Envelope } from '../crypto/envelope';
import { privateKeyAad, SoftwareKeyStore } from './software-key-store';

describe('software key store', () => {
  const envelope = new Envelope(randomBytes(32));
  const store = new SoftwareKeyStore(envelope);

  it('generates a P-256 key whose private JWK is only kept sealed, bound to its kid', async () => {
    const { publicKey, ref } = await store.generate();
    const kid = jwkThumbprint(publicKey);
    expect(publicKey).toEqual({ kty: 'EC', crv: 'P-256', x: expect.stringMatching(/^[\w-]{43}$/) as unknown, y: expect.stringMatching(/^[\w-]{43}$/) as unknown });
    expect(Object.keys(publicKey)).not.toContain('d');
    expect(ref.toString('latin1')).not.toMatch(/"d"|"kty"/);
    const jwk = JSON.parse(envelope.open(ref, privateKeyAad(kid)).toString()) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: publicKey.x, y: publicKey.y, d: expect.stringMatching(/^[\w-]{43}$/) as unknown });
    expect(() => envelope.open(ref, privateKeyAad('A'.repeat(43)))).toThrow();
  });

  it('opens a key once and signs from memory afterwards; signatures verify with the public key', async () => {
    const { publicKey, ref } = await store.generate();
    const kid = jwkThumbprint(publicKey);
    const open = jest.spyOn(envelope, 'open');
    const signer = store.signer(kid, ref);
    expect(store.signer(kid, ref)).toBe(signer);
    expect(open).toHaveBeenCalledTimes(1);
    expect(signer.kid).toBe(kid);
    const input = Buffer.from('header.payload');
    const sig = await signer.sign(input);
    expect(sig).toHaveLength(64);
    expect(verify('sha256', input, { key: createPublicKey({ key: { ...publicKey }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);

    await store.destroy(kid);
    store.signer(kid, ref); // opened again: the cache was dropped
    expect(open).toHaveBeenCalledTimes(2);
    open.mockRestore();
  });

  it('refuses a sealed key under another kid, and a stored key that is not the one its kid names', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    const wrongKid = 'B'.repeat(43);
    const sealedElsewhere = envelope.seal(Buffer.from(JSON.stringify(other)), privateKeyAad('C'.repeat(43)));
    expect(() => store.signer(wrongKid, sealedElsewhere)).toThrow(`the private key of ${wrongKid} cannot be opened with this master key`);
    const mislabelled = envelope.seal(Buffer.from(JSON.stringify(other)), privateKeyAad(wrongKid));
    expect(() => store.signer(wrongKid, mislabelled)).toThrow(`the private key stored for ${wrongKid} does not match its kid`);
  });
});
