import { generateKeyPairSync } from 'node:crypto';
import { buildHealthCardFile } from './file';
import { publicJwk } from './jwk';
import { deflatePayload } from './payload';
import { signCompressedPayload } from './jws';
import { localSigner } from './signature';
import { verifyCards } from './verify';

/** What a hostile or oversized input may cost the verifier: bounded work, findings instead of exceptions. */
describe('verification limits', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = localSigner(privateKey);
  const keySet = { keys: [publicJwk(privateKey.export({ format: 'jwk' }))] };
  const now = new Date('2026-12-01T00:00:00Z');
  const sign = (json: string) => signCompressedPayload(deflatePayload(json), signer);
  const payload = (bundle: unknown) => JSON.stringify({
    iss: 'https://issuer.example.gov/shc', nbf: 1_700_000_000,
    vc: { type: ['https://smarthealth.cards#health-card'], credentialSubject: { fhirVersion: '4.0.1', fhirBundle: bundle } },
  });

  it('reports a payload nested thousands deep as a finding, without throwing', async () => {
    // Built as text: the structure is too deep for JSON.stringify itself.
    const nested = '['.repeat(20_000) + ']'.repeat(20_000);
    const jws = await sign(payload({ resourceType: 'Bundle', type: 'collection', entry: 'NESTED' }).replace('"NESTED"', nested));
    const [result] = verifyCards(jws, { keySet, now });
    expect(result!.valid).toBe(false);
    expect(result!.findings.some((f) => f.severity === 'error' && (f.code === 'STRUCTURE' || f.code === 'PAYLOAD' || f.code === 'MINIMISATION'))).toBe(true);
  });

  it('verifies at most maxCards credentials of a file and says how many were skipped', async () => {
    const jws = await sign(payload({ resourceType: 'Bundle', type: 'collection', entry: [] }));
    const file = buildHealthCardFile(Array.from({ length: 25 }, () => jws));
    const results = verifyCards(file, { keySet, now, maxCards: 3 });
    expect(results).toHaveLength(3);
    expect(results[0]!.findings).toContainEqual(expect.objectContaining({ code: 'STRUCTURE', severity: 'warning', message: 'file holds 25 credentials: only the first 3 were verified' }));
    expect(verifyCards(file, { keySet, now })).toHaveLength(10);
  });
});
