import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { type CardDose, buildImmunizationBundle } from './bundle';
import { newCrl } from './crl';
import { buildHealthCardFile } from './file';
import type { FindingCode } from './findings';
import { publicJwk } from './jwk';
import { signJws } from './jws';
import { encodeShc, jwsToNumeric } from './numeric';
import { type HealthCardPayload, buildPayload } from './payload';
import { localSigner } from './signature';
import { type CardVerification, type VerifyOptions, verifyCard, verifyCards } from './verify';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = localSigner(privateKey);
const jwk = publicJwk(publicKey);
const ISS = 'https://shc.health.example.gov/issuer';
const ISSUED = new Date('2025-03-01T12:00:00Z');
const NOW = new Date('2025-06-01T00:00:00Z');
const RID = 'abcDEF123_-';
const nbf = ISSUED.getTime() / 1000;

const dose = (i = 0): CardDose => ({ cvx: '208', occurrenceDate: `2021-0${(i % 9) + 1}-01`, performer: 'State Clinic', lotNumber: `EW${i}`, status: 'completed' });
const person = { given: ['Ann'], family: 'Lee', birthDate: '1990-05-04' };
const basePayload = (): HealthCardPayload => buildPayload({ iss: ISS, now: ISSUED, rid: RID, bundle: buildImmunizationBundle(person, [dose(0), dose(1)]) });
const opts = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({ keySet: { keys: [jwk] }, now: NOW, ...over });
const codes = (r: CardVerification): FindingCode[] => r.findings.map((f) => f.code);
const errors = (r: CardVerification): FindingCode[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.code);

/** A payload changed on purpose (bypassing the builder's guards). */
function payloadWith(change: (p: any) => void): HealthCardPayload<unknown> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary JSON
  const p = JSON.parse(JSON.stringify(basePayload()));
  change(p);
  return p;
}

/** Signs arbitrary header and payload bytes with the test key. */
function rawJws(header: object, payload: Uint8Array, dsaEncoding: 'ieee-p1363' | 'der' = 'ieee-p1363'): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding });
  return `${input}.${signature.toString('base64url')}`;
}
const header = { zip: 'DEF', alg: 'ES256', kid: signer.kid };
const deflate = (p: unknown): Uint8Array => deflateRawSync(JSON.stringify(p));

describe('verifyCard: valid cards', () => {
  it('verifies a JWS, its shc:/ text and its file alike', async () => {
    const jws = await signJws(basePayload(), signer);
    for (const [input, format] of [[jws, 'jws'], [encodeShc(jws), 'qr'], [buildHealthCardFile([jws]), 'file']] as const) {
      const result = verifyCard(input, opts({ trustedIssuers: [ISS] }));
      expect(result.findings).toEqual([]);
      expect(result).toMatchObject({ format, valid: true, signatureValid: true, kid: signer.kid, iss: ISS, nbf, rid: RID, jws });
      expect(result.bundle?.['entry']).toHaveLength(3);
      expect(result.header).toEqual(header);
    }
  });

  it('verifies every credential of a file with verifyCards, and refuses several in verifyCard', async () => {
    const jws = await signJws(basePayload(), signer);
    const file = buildHealthCardFile([jws, jws]);
    expect(verifyCards(file, opts()).map((r) => r.valid)).toEqual([true, true]);
    expect(verifyCard(file, opts())).toMatchObject({ valid: false, findings: [{ code: 'STRUCTURE', message: expect.stringMatching(/2 credentials/) }] });
  });

  it('never throws on garbage', () => {
    for (const input of ['', '{', 'shc:/', 'shc:/9', '.', 'a.b.c', '\uFEFF', [], ['x', 'y']]) {
      const result = verifyCard(input, opts());
      expect(result.valid).toBe(false);
      expect(errors(result).length).toBeGreaterThan(0);
    }
  });
});

describe('verifyCard: STRUCTURE and HEADER', () => {
  it.each([
    ['two parts', 'eyJhIjoxfQ.abc'],
    ['bad base64url', 'eyJhIjoxfQ.ab+c.abc'],
    ['a header that is not JSON', `${Buffer.from('{x').toString('base64url')}.abc.abc`],
    ['a file that is not a file', '{"verifiableCredential":"x"}'],
    ['a shc:/ text with a pair above 77', 'shc:/5699'],
  ])('reports %s', (_label, input) => {
    expect(errors(verifyCard(input, opts()))).toEqual(['STRUCTURE']);
  });

  it('reports a BOM or trailing newline but still checks the card', async () => {
    const jws = await signJws(basePayload(), signer);
    for (const input of [`\uFEFF${jws}`, `${jws}\n`, `${encodeShc(jws)}\r\n`]) {
      const result = verifyCard(input, opts());
      expect(errors(result)).toEqual(['STRUCTURE']);
      expect(result.signatureValid).toBe(true);
    }
  });

  it('reports alg, zip and kid problems', () => {
    const payload = deflate(basePayload());
    expect(errors(verifyCard(rawJws({ alg: 'ES256', kid: signer.kid }, payload), opts()))).toEqual(['HEADER']);
    expect(errors(verifyCard(rawJws({ ...header, alg: 'ES384' }, payload), opts()))).toEqual(['HEADER']);
    expect(errors(verifyCard(rawJws({ zip: 'DEF', alg: 'ES256' }, payload), opts()))).toEqual(['HEADER']);
    expect(codes(verifyCard(rawJws({ ...header, typ: 'JWT' }, payload), opts()))).toEqual(['HEADER']);
    expect(verifyCard(rawJws({ ...header, typ: 'JWT' }, payload), opts()).valid).toBe(true); // a warning only
  });
});

describe('verifyCard: INFLATE and SIGNATURE', () => {
  it('reports a zlib-wrapped payload and a decompression bomb', () => {
    const zlib = verifyCard(rawJws(header, deflateSync(JSON.stringify(basePayload()))), opts());
    expect(errors(zlib)).toEqual(['INFLATE']);
    expect(zlib.findings[0]?.message).toMatch(/zlib header/);
    expect(zlib.signatureValid).toBe(true);
    const bomb = verifyCard(rawJws(header, deflateRawSync(Buffer.alloc(200 * 1024, 0x20))), opts());
    expect(bomb.findings).toMatchObject([{ code: 'INFLATE', message: expect.stringMatching(/decompression bomb/) }]);
  });

  it('reports a tampered signature, a DER signature and an unknown kid', async () => {
    const jws = await signJws(basePayload(), signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const flipped = Buffer.from(s, 'base64url');
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifyCard(`${h}.${p}.${flipped.toString('base64url')}`, opts()).findings).toMatchObject([{ code: 'SIGNATURE', message: expect.stringMatching(/does not verify/) }]);
    const der = verifyCard(rawJws(header, deflate(basePayload()), 'der'), opts());
    expect(der.findings).toMatchObject([{ code: 'SIGNATURE', message: expect.stringMatching(/DER-encoded/) }]);
    const other = publicJwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    expect(verifyCard(jws, opts({ keySet: { keys: [other] } })).findings).toMatchObject([{ code: 'SIGNATURE', message: expect.stringMatching(/unknown kid/) }]);
  });

  it('refuses a key whose kid is not its thumbprint (kid mismatch)', async () => {
    const jws = await signJws(basePayload(), signer);
    const impostor = { ...publicJwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), kid: signer.kid };
    const result = verifyCard(jws, opts({ keySet: { keys: [impostor] } }));
    expect(errors(result)).toEqual(['KEY', 'SIGNATURE']);
    expect(result.findings[0]?.message).toMatch(/not the RFC 7638 thumbprint/);
    expect(result.signatureValid).toBe(false);
  });
});

describe('verifyCard: claims', () => {
  it.each<[string, (p: any) => void, FindingCode]>([ // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
    ['http iss', (p) => { p.iss = 'http://shc.health.example.gov/issuer'; }, 'ISSUER'],
    ['iss with a trailing slash', (p) => { p.iss = `${ISS}/`; }, 'ISSUER'],
    ['nbf in the future', (p) => { p.nbf = NOW.getTime() / 1000 + 3600; }, 'NOT_YET_VALID'],
    ['nbf in milliseconds', (p) => { p.nbf = ISSUED.getTime(); }, 'NOT_YET_VALID'],
    ['exp in the past', (p) => { p.exp = NOW.getTime() / 1000 - 1; }, 'EXPIRED'],
    ['no health-card type', (p) => { p.vc.type = ['VerifiableCredential']; }, 'PAYLOAD'],
    ['a bad rid', (p) => { p.vc.rid = 'no spaces allowed'; }, 'PAYLOAD'],
    ['missing nbf', (p) => { delete p.nbf; }, 'PAYLOAD'],
    ['Resource.id', (p) => { p.vc.credentialSubject.fhirBundle.entry[0].resource.id = '1'; }, 'MINIMISATION'],
    ['meta.lastUpdated', (p) => { p.vc.credentialSubject.fhirBundle.meta = { lastUpdated: '2021' }; }, 'MINIMISATION'],
    ['Coding.display', (p) => { p.vc.credentialSubject.fhirBundle.entry[1].resource.vaccineCode.coding[0].display = 'Pfizer'; }, 'MINIMISATION'],
    ['narrative text', (p) => { p.vc.credentialSubject.fhirBundle.entry[1].resource.text = { div: '<div/>' }; }, 'MINIMISATION'],
    ['an absolute reference', (p) => { p.vc.credentialSubject.fhirBundle.entry[1].resource.patient.reference = 'Patient/1'; }, 'MINIMISATION'],
    ['a not-done dose', (p) => { p.vc.credentialSubject.fhirBundle.entry[2].resource.status = 'not-done'; }, 'MINIMISATION'],
  ])('reports %s', async (_label, change, code) => {
    const result = verifyCard(await signJws(payloadWith(change), signer), opts());
    expect(errors(result)).toEqual([code]);
    expect(result.signatureValid).toBe(true);
    expect(result.valid).toBe(false);
  });

  it('checks the trust list and honours the clock tolerance', async () => {
    const jws = await signJws(basePayload(), signer);
    expect(verifyCard(jws, opts({ trustedIssuers: ['https://other.example/issuer'] })).findings).toMatchObject([{ code: 'ISSUER', message: expect.stringMatching(/not a trusted issuer/) }]);
    const early = new Date(ISSUED.getTime() - 30_000);
    expect(errors(verifyCard(jws, opts({ now: early })))).toEqual(['NOT_YET_VALID']);
    expect(verifyCard(jws, opts({ now: early, clockToleranceSeconds: 60 })).valid).toBe(true);
  });

  it('groups repeated minimisation problems into one finding per rule', async () => {
    const jws = await signJws(payloadWith((p) => { for (const e of p.vc.credentialSubject.fhirBundle.entry.slice(1)) e.resource.patient.reference = 'Patient/1'; }), signer);
    expect(verifyCard(jws, opts()).findings).toMatchObject([{ code: 'MINIMISATION', message: expect.stringMatching(/and 1 more like it/), path: 'vc.credentialSubject.fhirBundle.entry[1].resource.patient.reference' }]);
  });

  it('warns on a payload that is not minified', () => {
    const pretty = deflateRawSync(JSON.stringify(basePayload(), null, 2));
    const result = verifyCard(rawJws(header, pretty), opts());
    expect(result.findings).toMatchObject([{ code: 'PAYLOAD', severity: 'warning' }]);
    expect(result.valid).toBe(true);
  });
});

describe('verifyCard: revocation', () => {
  const withCrl = { ...jwk, crlVersion: 2 };
  it('reports a rid listed outright or before the card was issued', async () => {
    const jws = await signJws(basePayload(), signer);
    for (const entry of [RID, `${RID}.${nbf + 1}`]) {
      const crl = { ...newCrl(signer.kid, []), ctr: 2, rids: [entry] };
      const result = verifyCard(jws, opts({ keySet: { keys: [withCrl] }, crls: { [signer.kid]: crl } }));
      expect(result.findings).toMatchObject([{ code: 'REVOKED' }]);
      expect(result.valid).toBe(false);
    }
  });

  it('does not revoke a card issued at or after rid.T', async () => {
    const jws = await signJws(basePayload(), signer);
    const crl = { ...newCrl(signer.kid, []), ctr: 2, rids: [`${RID}.${nbf}`, 'otherRid'] };
    expect(verifyCard(jws, opts({ keySet: { keys: [withCrl] }, crls: { [signer.kid]: crl } })).findings).toEqual([]);
  });

  it('flags a CRL for another key, a stale ctr, and a missing CRL', async () => {
    const jws = await signJws(basePayload(), signer);
    const foreign = newCrl('someOtherKid', [{ rid: RID }]);
    expect(errors(verifyCard(jws, opts({ crls: { [signer.kid]: foreign } })))).toEqual(['CRL']);
    const stale = newCrl(signer.kid, []);
    expect(verifyCard(jws, opts({ keySet: { keys: [withCrl] }, crls: { [signer.kid]: stale } })).findings).toMatchObject([{ code: 'CRL', severity: 'warning' }]);
    expect(verifyCard(jws, opts({ keySet: { keys: [withCrl] } })).findings).toMatchObject([{ code: 'CRL', severity: 'warning', message: expect.stringMatching(/not checked/) }]);
  });
});

describe('verifyCard: QR size and chunks', () => {
  it('reports TOO_LONG above 1195 chars but still verifies the signature', async () => {
    const doses = Array.from({ length: 30 }, (_, i) => ({ ...dose(i), lotNumber: randomBytes(8).toString('hex') }));
    const jws = await signJws(buildPayload({ iss: ISS, now: ISSUED, bundle: buildImmunizationBundle(person, doses) }), signer);
    expect(jws.length).toBeGreaterThan(1195);
    const result = verifyCard(jws, opts());
    expect(errors(result)).toEqual(['TOO_LONG']);
    expect(result.signatureValid).toBe(true);
  });

  it('reports a lone chunk as QR_CHUNKED and reads a complete legacy set with a warning', async () => {
    const jws = await signJws(basePayload(), signer);
    const digits = jwsToNumeric(jws);
    const half = Math.ceil(jws.length / 2) * 2;
    const chunks = [`shc:/1/2/${digits.slice(0, half)}`, `shc:/2/2/${digits.slice(half)}`];
    const lone = verifyCard(chunks[1] as string, opts());
    expect(lone.findings).toMatchObject([{ code: 'QR_CHUNKED', severity: 'error', message: expect.stringMatching(/chunk 2 of 2.*deprecated/) }]);
    const set = verifyCard(chunks, opts());
    expect(set).toMatchObject({ format: 'qr-chunked', signatureValid: true, valid: true, findings: [{ code: 'QR_CHUNKED', severity: 'warning' }] });
    expect(errors(verifyCard([chunks[0] as string, chunks[0] as string], opts()))).toEqual(['STRUCTURE']);
  });
});
