import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import request from 'supertest';
import type { CardInspectionResponse, IssuedCardResponse } from '@tessera/contracts';
import { SESSION_COOKIE } from '../src/auth/session-tokens';
import { auditRows, insertDose, insertKey, insertPerson, setKeyState, type TestKey } from './cards-fixtures';
import { createEnrolledStaff, signIn, startTestApp, type ApiClient, type TestApp } from './harness';

/** The specification's example cards, next to the repository (absent in some checkouts: those tests then skip). */
const EXAMPLES = process.env['SHC_EXAMPLES_DIR'] ?? resolve(__dirname, '../../../shared/fixtures/shc-examples');
const haveExamples = existsSync(join(EXAMPLES, 'example-00-d-jws.txt'));
if (!haveExamples) console.warn(`SMART Health Cards example cards not found at ${EXAMPLES}: the example-card tests are skipped`);
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8').trim();

const jwsOf = (qrText: string) => (qrText.slice(5).match(/\d\d/g) ?? []).map((d) => String.fromCharCode(Number(d) + 45)).join('');

describe('card inspector', () => {
  let t: TestApp;
  let agent: ApiClient;
  let auditor: ApiClient;
  let key: TestKey;
  let card: IssuedCardResponse;
  let png: Buffer;

  const inspect = (c: ApiClient, text: string) => c.post('/api/v1/card-inspections', { text });
  const upload = (c: ApiClient, body: Buffer, type: string) => c.upload('/api/v1/card-inspections', body, { 'Content-Type': type });

  beforeAll(async () => {
    t = await startTestApp();
    key = await insertKey(t, 'active');
    agent = (await signIn(t, await createEnrolledStaff(t, 'inspect.agent', ['helpdesk_agent']))).client;
    auditor = (await signIn(t, await createEnrolledStaff(t, 'inspect.auditor', ['auditor']))).client;
    const person = await insertPerson(t, { given: 'Grace', family: 'Hopper', birthDate: '1966-12-09' });
    await insertDose(t, person.id, { cvx: '207', date: '2021-02-01' });
    await insertDose(t, person.id, { cvx: '207', date: '2021-03-01' });
    card = (await agent.post('/api/v1/cards', { personId: person.id, channel: 'helpdesk' })).body as IssuedCardResponse;
    const res = await request(t.http).get(`/api/v1/cards/${card.id}/qr.png`).set('Cookie', `${SESSION_COOKIE}=${agent.cookie(SESSION_COOKIE)}`)
      .buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    png = res.body as Buffer;
  });
  afterAll(() => t.close());

  it('reads our card from its QR text: valid, signed by the active key, with the patient and doses', async () => {
    const res = await inspect(auditor, card.qrText);
    expect(res.status).toBe(200);
    const r = res.body as CardInspectionResponse;
    expect(r).toMatchObject({
      format: 'qr-numeric', valid: true, signatureValid: true, iss: t.config.issuerUrl, ourIssuer: true, kid: key.kid, keyState: 'active',
      rid: card.rid, revoked: null, issuedAt: card.issuedAt, patient: { name: 'Grace Hopper', birthDate: '1966-12-09' },
    });
    expect(r.doses).toEqual([
      { cvx: '207', vaccine: expect.stringContaining('Moderna'), occurrenceDate: '2021-02-01', performer: 'Springfield Clinic', lotNumber: 'EN6201' },
      { cvx: '207', vaccine: expect.stringContaining('Moderna'), occurrenceDate: '2021-03-01', performer: 'Springfield Clinic', lotNumber: 'EN6201' },
    ]);
    // the test issuer is http://localhost: reported, as a warning in development
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const [audited] = (await auditRows(t, 'card.inspected')).slice(-1);
    expect(audited?.details).toMatchObject({ format: 'qr-numeric', kid: key.kid, valid: true, keyState: 'active' });
    expect(JSON.stringify(audited?.details)).not.toMatch(/Hopper|Grace|1966|2021-0/);
  });

  it('reads the same card as a JWS, a .smart-health-card file, a PNG and a JPEG upload', async () => {
    const jws = jwsOf(card.qrText);
    expect((await inspect(agent, jws)).body).toMatchObject({ format: 'jws', valid: true });
    const file = JSON.stringify({ verifiableCredential: [jws] });
    expect((await inspect(agent, file)).body).toMatchObject({ format: 'file', valid: true });
    expect((await upload(agent, Buffer.from(file), 'application/smart-health-card')).body).toMatchObject({ format: 'file', valid: true });
    const fromPng = await upload(agent, png, 'image/png');
    expect(fromPng.status).toBe(200);
    expect(fromPng.body).toMatchObject({ format: 'image', valid: true, kid: key.kid });
    const image = PNG.sync.read(png);
    const jpeg = encodeJpeg({ data: image.data, width: image.width, height: image.height }, 90).data;
    expect((await upload(agent, jpeg, 'application/octet-stream')).body).toMatchObject({ format: 'image', valid: true, rid: card.rid });
  });

  it('reports a tampered card: the signature does not verify', async () => {
    const [h, p, s] = jwsOf(card.qrText).split('.') as [string, string, string];
    const payload = inflateRawSync(Buffer.from(p, 'base64url')).toString().replace('"Hopper"', '"Hooper"');
    const tampered = `${h}.${deflateRawSync(Buffer.from(payload)).toString('base64url')}.${s}`;
    const r = (await inspect(agent, tampered)).body as CardInspectionResponse;
    expect(r).toMatchObject({ valid: false, signatureValid: false, keyState: 'active', patient: { name: 'Grace Hooper' } });
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'SIGNATURE', severity: 'error', message: expect.stringMatching(/does not verify/) }));
  });

  it('names the key state: retired still verifies; revoked is reported, with whether the signature is genuine', async () => {
    const next = await insertKey(t, 'created');
    await setKeyState(t, key.id, 'retired');
    await setKeyState(t, next.id, 'active');
    try {
      expect((await inspect(agent, card.qrText)).body).toMatchObject({ valid: true, keyState: 'retired', signatureValid: true });
      await setKeyState(t, key.id, 'revoked');
      const r = (await inspect(agent, card.qrText)).body as CardInspectionResponse;
      expect(r).toMatchObject({ valid: false, keyState: 'revoked', signatureValid: true });
      expect(r.findings).toContainEqual(expect.objectContaining({ code: 'KEY_REVOKED', severity: 'error', message: expect.stringMatching(/revoked for compromise.*genuine/) }));
      expect(r.findings.some((f) => /unknown kid/.test(f.message))).toBe(false);
    } finally {
      await setKeyState(t, next.id, 'retired');
      await setKeyState(t, key.id, 'active');
    }
  });

  it('refuses a single chunk of a chunked QR set, and reads the set pasted whole', async () => {
    const digits = card.qrText.slice(5);
    const half = Math.floor(digits.length / 4) * 2;
    const chunk1 = `shc:/1/2/${digits.slice(0, half)}`, chunk2 = `shc:/2/2/${digits.slice(half)}`;
    const one = await inspect(agent, chunk1);
    expect(one.status).toBe(422);
    expect(one.body.detail).toMatch(/chunk 1 of 2.*deprecated.*Paste all the chunks/);
    const both = await inspect(agent, `${chunk1}\n${chunk2}`);
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ format: 'qr-numeric', signatureValid: true, kid: key.kid });
    expect((both.body as CardInspectionResponse).findings).toContainEqual(expect.objectContaining({ code: 'QR_CHUNKED', severity: 'warning' }));
  });

  it('refuses truncated shc:/ texts and garbage with a clear 422, audited as failed', async () => {
    const cut = card.qrText.slice(0, 5 + Math.floor((card.qrText.length - 5) / 4) * 2);
    const truncated = await inspect(agent, cut);
    expect(truncated.status).toBe(422);
    expect(truncated.body.detail).toMatch(/3 dot-separated parts.*truncated/);
    const odd = await inspect(agent, card.qrText.slice(0, -1));
    expect(odd.status).toBe(422);
    expect(odd.body.detail).toMatch(/odd number of digits.*truncated/);
    const garbage = await inspect(agent, 'hello, my card does not work');
    expect(garbage.status).toBe(422);
    expect(garbage.body.detail).toMatch(/^Not a SMART Health Card/);
    expect((await auditRows(t, 'card.inspected')).slice(-3).map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('refuses uploads that are not images or cards, an image without a QR, and files over 5 MB', async () => {
    const fakePng = await upload(agent, Buffer.from('this is not a picture'), 'image/png');
    expect(fakePng.status).toBe(422);
    expect(fakePng.body.detail).toBe('The file is not a PNG or JPEG image.');
    const binary = await upload(agent, Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 7]), 'application/octet-stream');
    expect(binary.status).toBe(422);
    expect(binary.body.detail).toMatch(/neither a PNG\/JPEG image nor a card/);
    const blank = new PNG({ width: 200, height: 200 });
    blank.data.fill(255);
    const noQr = await upload(agent, PNG.sync.write(blank), 'image/png');
    expect(noQr.status).toBe(422);
    expect(noQr.body.detail).toMatch(/No QR code was found/);
    // a small file whose header claims 40000 × 40000 pixels (a decompression bomb) is refused before decoding
    const bomb = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40]), Buffer.alloc(100)]);
    const bombed = await upload(agent, bomb, 'image/png');
    expect(bombed.status).toBe(422);
    expect(bombed.body.detail).toMatch(/larger than 12 megapixels/);
    // an interlaced PNG (pngjs inflates those without a limit) is refused unread: header byte 28 = interlace method
    const interlaced = PNG.sync.write(blank);
    interlaced[28] = 1;
    const refusedInterlaced = await upload(agent, interlaced, 'image/png');
    expect(refusedInterlaced.status).toBe(422);
    expect(refusedInterlaced.body.detail).toMatch(/Interlaced PNG images are not accepted/);
    const big = await upload(agent, Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'application/octet-stream');
    expect(big.status).toBe(413);
    expect(big.body.detail).toMatch(/at most 5 MB/);
    expect((await upload(agent, Buffer.from('<html>'), 'text/html')).status).toBe(415);
  });

  (haveExamples ? describe : describe.skip)('the specification\'s example cards (a foreign issuer)', () => {
    it('decodes them, says the issuer is not ours, and fetches nothing', async () => {
      const fetchSpy = jest.spyOn(globalThis, 'fetch');
      for (const n of ['00', '01', '03']) {
        const r = (await inspect(agent, example(`example-${n}-d-jws.txt`))).body as CardInspectionResponse;
        expect(r).toMatchObject({ format: 'jws', ourIssuer: false, iss: 'https://spec.smarthealth.cards/examples/issuer', keyState: 'unknown', signatureValid: null, valid: false });
        expect(r.patient?.name).toBeTruthy();
        expect(r.doses.length).toBeGreaterThan(0);
        expect(r.findings).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ISSUER', message: expect.stringMatching(/not checked.*does not fetch/) }));
        expect(r.findings.some((f) => /unknown kid/.test(f.message))).toBe(false);
      }
      const qr = (await inspect(agent, example('example-00-f-qr-code-numeric-value-0.txt'))).body as CardInspectionResponse;
      expect(qr).toMatchObject({ format: 'qr-numeric', ourIssuer: false });
      const file = await upload(agent, readFileSync(join(EXAMPLES, 'example-00-e-file.smart-health-card')), 'application/octet-stream');
      expect(file.body).toMatchObject({ format: 'file', ourIssuer: false });
      expect(fetchSpy).not.toHaveBeenCalled();
      fetchSpy.mockRestore();
    });

    it('reports the oversize example as too long and reads its three chunks only together', async () => {
      const oversize = (await inspect(agent, example('example-02-d-jws.txt'))).body as CardInspectionResponse;
      expect(oversize.findings).toContainEqual(expect.objectContaining({ code: 'TOO_LONG', severity: 'error' }));
      const chunks = [0, 1, 2].map((i) => example(`example-02-f-qr-code-numeric-value-${i}.txt`));
      expect((await inspect(agent, chunks[0]!)).status).toBe(422);
      const whole = (await inspect(agent, chunks.join('\n'))).body as CardInspectionResponse;
      expect(whole).toMatchObject({ format: 'qr-numeric', ourIssuer: false });
    });
  });
});
