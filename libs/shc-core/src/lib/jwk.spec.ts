import { generateKeyPairSync } from 'node:crypto';
import { type KeyFindingCode, jwkThumbprint, publicJwk, validateKeySet } from './jwk';

// The spec's example issuer key (spec §3 / gh-pages examples/issuer/.well-known/jwks.json).
const EXAMPLE_KEY = {
  kty: 'EC',
  kid: '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s',
  use: 'sig',
  alg: 'ES256',
  crv: 'P-256',
  x: '11XvRWy1I2S0EyJlyf_bWfw_TQ5CJJNLw78bHXNxcgw',
  y: 'eZXwxvO1hvCY0KucrPfKo7yAyMT6Ajc3N7OkAB6VYy8',
  crlVersion: 1,
};

const fresh = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const codes = (input: unknown): KeyFindingCode[] => validateKeySet(input).findings.map((f) => f.code);

describe('jwkThumbprint', () => {
  it('reproduces the example kid (RFC 7638 over crv,kty,x,y)', () => {
    expect(jwkThumbprint(EXAMPLE_KEY)).toBe(EXAMPLE_KEY.kid);
    expect(jwkThumbprint(EXAMPLE_KEY)).toHaveLength(43);
  });

  it('ignores other members and their order', () => {
    const { x, y } = EXAMPLE_KEY;
    expect(jwkThumbprint({ y, x, crv: 'P-256', kty: 'EC' })).toBe(EXAMPLE_KEY.kid);
  });
});

describe('publicJwk', () => {
  it('projects a private key to {kty,crv,x,y,kid,use,alg} without d', () => {
    const { privateKey } = fresh();
    const jwk = publicJwk(privateKey.export({ format: 'jwk' }));
    expect(Object.keys(jwk)).toEqual(['kty', 'crv', 'x', 'y', 'kid', 'use', 'alg']);
    expect(jwk).not.toHaveProperty('d');
    expect(jwk.kid).toBe(jwkThumbprint(jwk));
    expect(publicJwk(privateKey)).toEqual(jwk);
    expect(publicJwk(privateKey, { crlVersion: 3 }).crlVersion).toBe(3);
  });

  it('refuses other key types and a bad crlVersion', () => {
    expect(() => publicJwk(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey)).toThrow(/P-256/);
    expect(() => publicJwk(generateKeyPairSync('ed25519').publicKey)).toThrow(/P-256/);
    expect(() => publicJwk(fresh().publicKey, { crlVersion: 0 })).toThrow(/crlVersion/);
  });
});

describe('validateKeySet', () => {
  it('accepts the example key and generated keys', () => {
    const result = validateKeySet({ keys: [EXAMPLE_KEY, publicJwk(fresh().publicKey)] });
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.keys.map((k) => k.kid)).toContain(EXAMPLE_KEY.kid);
    expect(result.keys[0]?.crlVersion).toBe(1);
  });

  it.each<[string, Record<string, unknown>, KeyFindingCode]>([
    ['private d', { ...EXAMPLE_KEY, d: 'secret' }, 'KEY_PRIVATE'],
    ['missing use', { ...EXAMPLE_KEY, use: undefined }, 'KEY_USE'],
    ['missing alg', { ...EXAMPLE_KEY, alg: undefined }, 'KEY_ALG'],
    ['wrong kty', { ...EXAMPLE_KEY, kty: 'RSA' }, 'KEY_KTY'],
    ['wrong crv', { ...EXAMPLE_KEY, crv: 'P-384' }, 'KEY_CRV'],
    ['kid not the thumbprint', { ...EXAMPLE_KEY, kid: 'key-2024' }, 'KEY_KID'],
    ['short x', { ...EXAMPLE_KEY, x: 'AAAA' }, 'KEY_SCHEMA'],
    ['point off the curve', { ...EXAMPLE_KEY, y: EXAMPLE_KEY.x }, 'KEY_SCHEMA'],
    ['crlVersion as a string', { ...EXAMPLE_KEY, crlVersion: '1' }, 'KEY_SCHEMA'],
    ['x5c in base64url', { ...EXAMPLE_KEY, x5c: ['MIIC-_'] }, 'KEY_X5C'],
    ['x5c not a certificate', { ...EXAMPLE_KEY, x5c: ['AAAA'] }, 'KEY_X5C'],
  ])('flags %s', (_label, key, code) => {
    const input = JSON.parse(JSON.stringify({ keys: [key] }));
    const result = validateKeySet(input);
    expect(result.findings.map((f) => f.code)).toContain(code);
    expect(result.keys).toEqual([]);
    expect(result.valid).toBe(false);
  });

  it('flags a malformed set', () => {
    expect(codes(null)).toEqual(['KEY_SET_SCHEMA']);
    expect(codes({ keys: {} })).toEqual(['KEY_SET_SCHEMA']);
    expect(codes({ keys: [] })).toEqual(['KEY_SET_SCHEMA']);
    expect(codes({ keys: ['x'] })).toEqual(['KEY_SCHEMA']);
  });

  it('warns on a repeated kid that carries no different x5c', () => {
    const result = validateKeySet({ keys: [EXAMPLE_KEY, EXAMPLE_KEY] });
    expect(result.findings).toMatchObject([{ code: 'KEY_DUPLICATE', severity: 'warning' }]);
    expect(result.keys).toHaveLength(1);
    expect(result.valid).toBe(true);
  });
});
