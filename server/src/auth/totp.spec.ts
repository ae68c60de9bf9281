import { acceptTotp, newTotpSecret, otpauthUri, totpCode } from './totp';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const t0 = Date.UTC(2026, 11, 4, 12, 0, 0);

  it('accepts the current code and returns its step', () => {
    expect(acceptTotp(secret, totpCode(secret, t0), null, t0)).toBe(BigInt(t0 / 30000));
  });
  it('refuses a code used before (same step)', () => {
    const step = acceptTotp(secret, totpCode(secret, t0), null, t0)!;
    expect(acceptTotp(secret, totpCode(secret, t0), step, t0 + 5000)).toBeNull();
  });
  it('accepts the previous step within the window, but not older', () => {
    expect(acceptTotp(secret, totpCode(secret, t0 - 30000), null, t0)).toBe(BigInt(t0 / 30000 - 1));
    expect(acceptTotp(secret, totpCode(secret, t0 - 90000), null, t0)).toBeNull();
  });
  it('refuses a wrong code', () => {
    const wrong = String((Number(totpCode(secret, t0)) + 1) % 1_000_000).padStart(6, '0');
    expect(acceptTotp(secret, wrong, null, t0)).toBeNull();
  });
  it('builds an otpauth URI naming the issuer', () => {
    expect(otpauthUri(secret, 'jdoe')).toMatch(/^otpauth:\/\/totp\/Tessera:jdoe\?secret=[A-Z2-7]+&period=30&digits=6&algorithm=SHA1&issuer=Tessera$/);
  });
});
