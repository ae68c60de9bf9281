import {
  buildImmunizationBundle, buildPayload, signJws, verifyCard, type HealthCardPayload, type Signer,
} from '@tessera/shc-core';

/** How long the gate waits for the published key set. */
export const KEY_SET_FETCH_TIMEOUT_MS = 5_000;

export type GateResult = { ok: true } | { ok: false; why: 'fetch_failed' | 'not_verified'; reason: string };

/** A fixed synthetic card: never a real resident's data. */
const TEST_PATIENT = { given: ['Test'], family: 'Activation', birthDate: '2000-01-01' };
const TEST_DOSE = { cvx: '207', occurrenceDate: '2021-01-01', performer: 'Tessera activation check', lotNumber: null, status: 'completed' };

export const keySetUrl = (issuerUrl: string) => `${issuerUrl}/.well-known/jwks.json`;

/**
 * The activation gate: signs a test card with the candidate key and verifies it, as any verifier app would, against
 * the key set fetched over HTTP from the issuer's public URL. It passes only if the key is really reachable in the
 * published set (the proxy, TLS and path in front of Tessera included) and the signature checks out.
 */
export async function checkThroughPublishedKeySet(issuerUrl: string, signer: Signer, now: Date, allowHttpIssuer: boolean): Promise<GateResult> {
  const jws = await signJws(testPayload(issuerUrl, now, allowHttpIssuer), signer);
  const url = keySetUrl(issuerUrl);
  let keySet: unknown;
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(KEY_SET_FETCH_TIMEOUT_MS), redirect: 'error' });
    if (!res.ok) return { ok: false, why: 'fetch_failed', reason: `the key set request answered HTTP ${res.status}` };
    keySet = await res.json();
  } catch (err) {
    return { ok: false, why: 'fetch_failed', reason: fetchFailure(err) };
  }
  if (typeof keySet !== 'object' || keySet === null || !Array.isArray((keySet as { keys?: unknown }).keys)) {
    return { ok: false, why: 'not_verified', reason: 'the response is not a key set ({"keys":[…]})' };
  }
  const result = verifyCard(jws, { keySet: keySet as { keys: unknown[] }, now, trustedIssuers: [issuerUrl] });
  const blocking = result.findings.filter((f) => f.severity === 'error' && !(allowHttpIssuer && f.code === 'ISSUER' && /must use https$/.test(f.message)));
  if (result.signatureValid && blocking.length === 0) return { ok: true };
  const reasons = blocking.map((f) => f.message);
  return { ok: false, why: 'not_verified', reason: reasons.length > 0 ? reasons.join('; ') : 'the signature does not verify' };
}

/** The test card's payload; outside production a plain-http localhost issuer is accepted (as for real cards). */
function testPayload(issuerUrl: string, now: Date, allowHttpIssuer: boolean): HealthCardPayload {
  return buildPayload({ iss: issuerUrl, bundle: buildImmunizationBundle(TEST_PATIENT, [TEST_DOSE]), now, allowLocalhostHttp: allowHttpIssuer });
}

function fetchFailure(err: unknown): string {
  // Duck-typed: undici's errors may come from another realm (test runners), where instanceof Error fails.
  const e = (err ?? {}) as { name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${KEY_SET_FETCH_TIMEOUT_MS / 1000} s`;
  const detail = typeof e.cause?.code === 'string' ? e.cause.code
    : typeof e.cause?.message === 'string' ? e.cause.message
      : typeof e.message === 'string' ? e.message : String(err);
  return `the key set could not be fetched (${detail})`;
}
