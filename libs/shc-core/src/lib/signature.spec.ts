import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { ShcError } from './errors';
import { jwkThumbprint, publicJwk } from './jwk';
import { assertJoseSignature, derSigner, derToJose, isDerSignature, localSigner } from './signature';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const data = Buffer.from('header.payload', 'ascii');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ShcError ? error.code : 'not-a-ShcError';
  }
  return undefined;
}

describe('localSigner', () => {
  it('signs 64-byte R‖S that node:crypto verifies, from a KeyObject or a private JWK', async () => {
    for (const key of [privateKey, privateKey.export({ format: 'jwk' })]) {
      const signer = localSigner(key);
      expect(signer.kid).toBe(publicJwk(publicKey).kid);
      const signature = await signer.sign(data);
      expect(signature.byteLength).toBe(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    }
  });

  it('refuses public keys and other curves', () => {
    expect(codeOf(() => localSigner(publicKey))).toBe('INVALID_KEY');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    expect(codeOf(() => localSigner(p384))).toBe('INVALID_KEY');
    expect(codeOf(() => localSigner({ kty: 'EC', crv: 'P-256' }))).toBe('INVALID_KEY');
  });
});

describe('derToJose', () => {
  it('converts an OpenSSL/KMS DER signature into a verifying R‖S', () => {
    for (let i = 0; i < 20; i++) {
      const der = sign('sha256', data, { key: privateKey, dsaEncoding: 'der' });
      expect(isDerSignature(der)).toBe(true);
      const jose = derToJose(der);
      expect(jose.byteLength).toBe(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose)).toBe(true);
    }
  });

  it('left-pads short integers and strips the sign byte of 33-byte ones', () => {
    const high = [0x00, 0x80, ...new Array<number>(31).fill(1)];
    const der = Uint8Array.from([0x30, 2 + 1 + 2 + high.length, 0x02, 0x01, 0x05, 0x02, high.length, ...high]);
    const jose = derToJose(der);
    expect(jose[31]).toBe(5);
    expect(jose.subarray(0, 31).every((b) => b === 0)).toBe(true);
    expect(jose[32]).toBe(0x80);
    expect(jose[63]).toBe(1);
  });

  it.each<[string, number[]]>([
    ['wrong outer tag', [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['length mismatch', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]],
    ['trailing bytes', [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]],
    ['negative integer', [0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]],
    ['non-minimal integer', [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]],
    ['integer too long', [0x30, 0x27, 0x02, 0x22, ...new Array<number>(34).fill(1), 0x02, 0x01, 0x01]],
    ['empty', []],
  ])('refuses %s', (_label, bytes) => {
    expect(codeOf(() => derToJose(Uint8Array.from(bytes)))).toBe('SIGNATURE_FORMAT');
  });
});

describe('assertJoseSignature / derSigner', () => {
  it('passes 64 bytes, names DER when it sees it, refuses the rest', () => {
    expect(assertJoseSignature(new Uint8Array(64)).byteLength).toBe(64);
    const der = sign('sha256', data, { key: privateKey, dsaEncoding: 'der' });
    expect(() => assertJoseSignature(der)).toThrow(/DER-encoded.*derSigner/);
    expect(() => assertJoseSignature(new Uint8Array(10))).toThrow(/neither R‖S nor DER/);
  });

  it('adapts a DER-returning backend', async () => {
    const kid = jwkThumbprint(publicJwk(publicKey));
    const kms = derSigner(kid, (input) => Promise.resolve(sign('sha256', input, { key: privateKey, dsaEncoding: 'der' })));
    const signature = await kms.sign(data);
    expect(signature.byteLength).toBe(64);
    expect(verify('sha256', data, { key: createPublicKey(privateKey), dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });
});
