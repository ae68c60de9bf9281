import { type Crl, type CrlFindingCode, isRevoked, newCrl, validateCrl, withRevocation } from './crl';

const KID = '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s';
const EXAMPLE_CRL = {
  kid: KID,
  method: 'rid',
  ctr: 1,
  rids: ['vwAjHdarZuc.1687450765', 'FKDIxsTCGlU', 'XkNHp2Iyk0Y.1687450765', 'TqB_qu_6OtM'],
};
const now = new Date('2026-01-01T00:00:00Z');
const codes = (input: unknown, extra: { kid?: string; crlVersion?: number } = {}): CrlFindingCode[] =>
  validateCrl(input, { now, ...extra }).findings.map((f) => f.code);

describe('validateCrl', () => {
  it('accepts the example CRL', () => {
    const result = validateCrl(EXAMPLE_CRL, { now, kid: KID, crlVersion: 1 });
    expect(result).toEqual({ crl: EXAMPLE_CRL, findings: [], valid: true });
  });

  it.each<[string, unknown, CrlFindingCode]>([
    ['a duplicate rid', { ...EXAMPLE_CRL, rids: ['abc', 'def', 'abc'] }, 'CRL_DUPLICATE'],
    ['a duplicate rid with and without timestamp', { ...EXAMPLE_CRL, rids: ['abc', 'abc.1600000000'] }, 'CRL_DUPLICATE'],
    ['a bad rid', { ...EXAMPLE_CRL, rids: ['not a rid'] }, 'CRL_RID'],
    ['a rid over 24 chars', { ...EXAMPLE_CRL, rids: ['A'.repeat(25)] }, 'CRL_RID'],
    ['a fractional timestamp', { ...EXAMPLE_CRL, rids: ['abc.1600000000.5'] }, 'CRL_RID'],
    ['a timestamp in the future', { ...EXAMPLE_CRL, rids: [`abc.${now.getTime() / 1000 + 60}`] }, 'CRL_FUTURE_TIMESTAMP'],
    ['ctr as a string', { ...EXAMPLE_CRL, ctr: '1' }, 'CRL_CTR'],
    ['ctr 0', { ...EXAMPLE_CRL, ctr: 0 }, 'CRL_CTR'],
    ['ctr 1.5', { ...EXAMPLE_CRL, ctr: 1.5 }, 'CRL_CTR'],
    ['another method', { ...EXAMPLE_CRL, method: 'hash-fhir' }, 'CRL_METHOD'],
    ['rids not an array', { ...EXAMPLE_CRL, rids: 'abc' }, 'CRL_SCHEMA'],
  ])('flags %s', (_label, input, code) => {
    const result = validateCrl(input, { now });
    expect(result.findings.map((f) => f.code)).toContain(code);
    expect(result.valid).toBe(false);
  });

  it('checks kid and crlVersion against the key', () => {
    expect(codes(EXAMPLE_CRL, { kid: 'other' })).toEqual(['CRL_KID']);
    expect(codes(EXAMPLE_CRL, { crlVersion: 2 })).toEqual(['CRL_VERSION']);
  });

  it('only warns on an empty list, and refuses a non-object', () => {
    const empty = validateCrl({ ...EXAMPLE_CRL, rids: [] }, { now });
    expect(empty.findings).toMatchObject([{ code: 'CRL_EMPTY', severity: 'warning' }]);
    expect(empty.valid).toBe(true);
    expect(validateCrl('[]', { now }).crl).toBeNull();
  });
});

describe('isRevoked', () => {
  const crl = EXAMPLE_CRL as Crl;
  it('revokes a plain rid whatever the nbf', () => {
    expect(isRevoked('FKDIxsTCGlU', 1, crl)).toBe(true);
    expect(isRevoked('FKDIxsTCGlU', 4_000_000_000, crl)).toBe(true);
  });

  it('revokes rid.T only for cards issued before T', () => {
    expect(isRevoked('vwAjHdarZuc', 1687450764.657, crl)).toBe(true); // example 03
    expect(isRevoked('vwAjHdarZuc', 1687450765, crl)).toBe(false);
    expect(isRevoked('vwAjHdarZuc', 1687450766, crl)).toBe(false);
  });

  it('does not revoke other rids', () => {
    expect(isRevoked('MKyCxh7p6uQ', 1687450764.656, crl)).toBe(false); // example 00
    expect(isRevoked('FKDIxsTCGl', 1, crl)).toBe(false);
  });
});

describe('newCrl / withRevocation', () => {
  it('starts at ctr 1 and bumps ctr on every change', () => {
    const first = newCrl(KID, [{ rid: 'abc' }]);
    expect(first).toEqual({ kid: KID, method: 'rid', ctr: 1, rids: ['abc'] });
    const second = withRevocation(first, { rid: 'def', revokedBefore: 1700000000 });
    expect(second).toEqual({ kid: KID, method: 'rid', ctr: 2, rids: ['abc', 'def.1700000000'] });
    expect(first.rids).toEqual(['abc']);
  });

  it('moves a timestamp forward (correction workflow) but never weakens a revocation', () => {
    const crl = newCrl(KID, [{ rid: 'abc', revokedBefore: 1700000000 }, { rid: 'def' }]);
    const later = withRevocation(crl, { rid: 'abc', revokedBefore: 1800000000 });
    expect(later.rids).toEqual(['abc.1800000000', 'def']);
    expect(later.ctr).toBe(2);
    expect(withRevocation(crl, { rid: 'abc', revokedBefore: 1600000000 })).toBe(crl);
    expect(withRevocation(crl, { rid: 'def', revokedBefore: 1900000000 })).toBe(crl);
    expect(withRevocation(crl, { rid: 'abc' }).rids).toEqual(['abc', 'def']);
  });

  it('refuses a bad rid', () => {
    expect(() => withRevocation(newCrl(KID), { rid: 'bad rid' })).toThrow(/base64url/);
  });
});
