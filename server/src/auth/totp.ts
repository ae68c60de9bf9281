import { authenticator } from 'otplib';

const STEP_SECONDS = 30;

/** TOTP (RFC 6238, SHA-1, 6 digits, 30 s) with a ±1 step window; a step once used is never accepted again. */
export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function otpauthUri(secret: string, account: string, issuer = 'Tessera'): string {
  return authenticator.keyuri(account, issuer, secret);
}

/**
 * Returns the time step the code belongs to if it is valid now and newer than `lastStep`; null otherwise.
 */
export function acceptTotp(secret: string, code: string, lastStep: bigint | null, nowMs: number): bigint | null {
  const checker = authenticator.clone({ window: 1, epoch: nowMs });
  const delta = checker.checkDelta(code, secret);
  if (delta === null) return null;
  const step = BigInt(Math.floor(nowMs / 1000 / STEP_SECONDS) + delta);
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** For tests and tools: the code for a given time. */
export function totpCode(secret: string, nowMs: number): string {
  return authenticator.clone({ epoch: nowMs }).generate(secret);
}
