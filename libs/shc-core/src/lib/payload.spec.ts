import { deflateRawSync, deflateSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { buildImmunizationBundle } from './bundle';
import { ShcError } from './errors';
import { buildPayload, deflatePayload, encodePayload, inflatePayload, issuerUrlProblem, serializePayload } from './payload';

const bundle = buildImmunizationBundle({ given: ['Ann'], family: 'Lee', birthDate: '1990-05-04' }, [
  { cvx: '208', occurrenceDate: '2021-04-01', performer: 'State Clinic', lotNumber: 'EW0182', status: 'completed' },
]);
const iss = 'https://shc.health.example.gov/issuer';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ShcError ? error.code : 'not-a-ShcError';
  }
  return undefined;
}

describe('buildPayload', () => {
  it('takes nbf as integer seconds from the injected clock and keeps the spec member order', () => {
    const payload = buildPayload({ iss, bundle, now: new Date(1_700_000_000_999), rid: 'MKyCxh7p6uQ' });
    expect(payload.nbf).toBe(1_700_000_000);
    expect(serializePayload(payload)).toBe(
      `{"iss":"${iss}","nbf":1700000000,"vc":{"type":["https://smarthealth.cards#health-card"],` +
        `"credentialSubject":{"fhirVersion":"4.0.1","fhirBundle":${JSON.stringify(bundle)}},"rid":"MKyCxh7p6uQ"}}`,
    );
  });

  it('omits rid and exp unless given; exp must follow nbf', () => {
    const now = new Date(1_700_000_000_000);
    expect(buildPayload({ iss, bundle, now })).not.toHaveProperty('exp');
    expect(buildPayload({ iss, bundle, now }).vc).not.toHaveProperty('rid');
    expect(buildPayload({ iss, bundle, now, expiresAt: new Date(1_700_086_400_000) }).exp).toBe(1_700_086_400);
    expect(codeOf(() => buildPayload({ iss, bundle, now, expiresAt: now }))).toBe('INVALID_CARD_INPUT');
    expect(codeOf(() => buildPayload({ iss, bundle, now: new Date(Number.NaN) }))).toBe('INVALID_CARD_INPUT');
  });

  it.each([
    ['http://shc.example.gov/issuer', /https/],
    ['https://shc.example.gov/issuer/', /must not end with/],
    ['https://shc.example.gov/issuer?x=1', /query/],
    ['shc.example.gov/issuer', /absolute URL/],
  ])('refuses iss %s', (bad, why) => {
    expect(issuerUrlProblem(bad)).toMatch(why);
    expect(codeOf(() => buildPayload({ iss: bad, bundle, now: new Date(0) }))).toBe('INVALID_ISSUER');
  });

  it('accepts an iss with a path and refuses a malformed rid', () => {
    expect(issuerUrlProblem('https://spec.smarthealth.cards/examples/issuer')).toBeNull();
    expect(codeOf(() => buildPayload({ iss, bundle, now: new Date(0), rid: 'has space' }))).toBe('INVALID_RID');
    expect(codeOf(() => buildPayload({ iss, bundle, now: new Date(0), rid: 'x'.repeat(25) }))).toBe('INVALID_RID');
  });

  it('accepts plain http only for a well-formed localhost issuer, and only when asked (development)', () => {
    const local = 'http://localhost:3000/issuer';
    expect(codeOf(() => buildPayload({ iss: local, bundle, now: new Date(0) }))).toBe('INVALID_ISSUER');
    expect(buildPayload({ iss: local, bundle, now: new Date(0), allowLocalhostHttp: true }).iss).toBe(local);
    expect(codeOf(() => buildPayload({ iss: 'http://localhost:3000/issuer/', bundle, now: new Date(0), allowLocalhostHttp: true }))).toBe('INVALID_ISSUER');
    expect(codeOf(() => buildPayload({ iss: 'http://issuer.example.gov', bundle, now: new Date(0), allowLocalhostHttp: true }))).toBe('INVALID_ISSUER');
  });
});

describe('deflate / inflate', () => {
  const json = serializePayload(buildPayload({ iss, bundle, now: new Date(1_700_000_000_000) }));

  it('uses raw DEFLATE (no zlib header) and round-trips', () => {
    const bytes = deflatePayload(json);
    expect(inflateRawSync(bytes).toString('utf8')).toBe(json);
    expect(() => inflateSync(bytes)).toThrow();
    expect(inflatePayload(bytes)).toBe(json);
    expect(encodePayload(JSON.parse(json))).toEqual(bytes);
  });

  it('refuses a decompression bomb with INFLATE_LIMIT', () => {
    const bomb = deflateRawSync(Buffer.alloc(4 * 1024 * 1024, 0x41), { level: 9 });
    expect(bomb.length).toBeLessThan(8 * 1024);
    expect(codeOf(() => inflatePayload(bomb))).toBe('INFLATE_LIMIT');
    expect(() => inflatePayload(bomb)).toThrow(/more than 131072 bytes/);
    expect(codeOf(() => inflatePayload(deflatePayload(json), 100))).toBe('INFLATE_LIMIT');
  });

  it('names a zlib or gzip wrapper when the payload is not raw DEFLATE', () => {
    expect(() => inflatePayload(deflateSync(json))).toThrow(/zlib header/);
    expect(() => inflatePayload(gzipSync(json))).toThrow(/gzip header/);
    expect(codeOf(() => inflatePayload(deflateSync(json)))).toBe('INFLATE_FAILED');
  });

  it('refuses inflated bytes that are not UTF-8', () => {
    expect(codeOf(() => inflatePayload(deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))))).toBe('INFLATE_FAILED');
  });
});
