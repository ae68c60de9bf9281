import { ShcError } from './errors';
import { deriveRid, formatCrlEntry, isValidRid, parseCrlEntry } from './rid';

// The spec's example generator (generate-examples/src/config/issuer.hmac.private.json, a published test secret)
// derives rids for user ids "userid-NN" under the example kid; examples 00 and 03 carry these rids.
const EXAMPLE_SECRET = Buffer.from('GWdbF5850vxNt3HhHFl0dRvvN--C6rD77obJgGjK_Zg', 'utf8');
const EXAMPLE_KID = '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s';

describe('deriveRid', () => {
  it('reproduces the rids of the spec examples (key = secret ‖ kid)', () => {
    expect(deriveRid(EXAMPLE_SECRET, EXAMPLE_KID, 'userid-00')).toBe('MKyCxh7p6uQ');
    expect(deriveRid(EXAMPLE_SECRET, EXAMPLE_KID, 'userid-03')).toBe('vwAjHdarZuc');
    expect(deriveRid(EXAMPLE_SECRET, EXAMPLE_KID, 'fake-userid-1')).toBe('FKDIxsTCGlU');
  });

  it('gives 11 base64url chars, different under another kid', () => {
    const rid = deriveRid(EXAMPLE_SECRET, EXAMPLE_KID, 'person-42');
    expect(rid).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(deriveRid(EXAMPLE_SECRET, 'EBKOr72QQDcTBUuVzAzkfBTGew0ZA16GuWty64nS-sw', 'person-42')).not.toBe(rid);
  });

  it('refuses a short secret and empty inputs', () => {
    expect(() => deriveRid(new Uint8Array(16), EXAMPLE_KID, 'u')).toThrow(/256 bits/);
    expect(() => deriveRid(EXAMPLE_SECRET, '', 'u')).toThrow(ShcError);
    expect(() => deriveRid(EXAMPLE_SECRET, EXAMPLE_KID, '')).toThrow(ShcError);
  });
});

describe('rid format', () => {
  it.each(['a', 'MKyCxh7p6uQ', 'A'.repeat(24), '-_09azAZ'])('accepts %s', (rid) => expect(isValidRid(rid)).toBe(true));
  it.each(['', 'A'.repeat(25), 'a+b', 'a/b', 'a=', 'a.b', 'a b'])('rejects %j', (rid) => expect(isValidRid(rid)).toBe(false));
});

describe('CRL entries', () => {
  it('parses rid and rid.<unix seconds>', () => {
    expect(parseCrlEntry('FKDIxsTCGlU')).toEqual({ rid: 'FKDIxsTCGlU' });
    expect(parseCrlEntry('vwAjHdarZuc.1687450765')).toEqual({ rid: 'vwAjHdarZuc', revokedBefore: 1687450765 });
  });

  it.each(['abc.', 'abc.1.2', 'abc.1e9', 'abc.-5', 'abc.12.5', 'a+c', `${'A'.repeat(25)}.1`, '.123'])('rejects %j', (entry) => {
    expect(parseCrlEntry(entry)).toBeNull();
  });

  it('formats entries and refuses bad ones', () => {
    expect(formatCrlEntry({ rid: 'abc', revokedBefore: 1700000000 })).toBe('abc.1700000000');
    expect(formatCrlEntry({ rid: 'abc' })).toBe('abc');
    expect(() => formatCrlEntry({ rid: 'a b' })).toThrow(ShcError);
    expect(() => formatCrlEntry({ rid: 'abc', revokedBefore: 1.5 })).toThrow(/integer/);
  });
});
