import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { QrTooLargeError, localSigner, publicJwk, requiredQrVersion, verifyCard } from '@tessera/shc-core';
import { cardPayload, qrVersionFor, signCard, type CardInput } from './card-pipeline';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = localSigner(privateKey);
const keySet = { keys: [publicJwk(privateKey)] };
const NOW = new Date('2026-03-01T12:00:00.750Z');

const input = (doses: number, performer: (i: number) => string = () => 'Springfield Clinic'): CardInput => ({
  person: { given: ['Ada', 'M'], family: 'Lovelace', birthDate: '1980-12-10' },
  doses: Array.from({ length: doses }, (_, i) => ({
    cvx: '208', occurrenceDate: `2021-0${(i % 9) + 1}-15`, performer: performer(i), lotNumber: `LOT${i}`, status: 'completed',
  })),
  iss: 'https://issuer.example.gov/shc', now: NOW, rid: 'abcdEFGH_-1',
});

describe('card pipeline', () => {
  it('gives the same QR version as building the symbol with qrcode, on both sides of every version boundary', () => {
    // the character is irrelevant: every JWS character becomes two digits
    const differences: string[] = [];
    const check = (length: number) => {
      const expected = requiredQrVersion('a'.repeat(length));
      if (qrVersionFor(length) !== expected) differences.push(`${length}: ${qrVersionFor(length)} vs ${expected}`);
    };
    let length = 1;
    for (let version = 1; version <= 40; version++) {
      while (qrVersionFor(length + 1) === version) length++;
      check(length); // the longest JWS of this version
      check(length + 1); // the shortest of the next (null past version 40)
    }
    expect(differences).toEqual([]);
    expect(qrVersionFor(1195)).toBe(22); // the spec's maximum JWS length for one QR
    expect(qrVersionFor(1196)).toBe(23);
  });

  it('signs a card that verifies, with integer nbf, the rid and the QR text', async () => {
    const card = await signCard(input(3), signer);
    const result = verifyCard(card.qrText, { keySet, now: new Date('2026-03-02T00:00:00Z'), trustedIssuers: ['https://issuer.example.gov/shc'] });
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.nbf).toBe(Math.floor(NOW.getTime() / 1000));
    expect(card.nbf).toBe(result.nbf);
    expect(result.rid).toBe('abcdEFGH_-1');
    expect(card.qrVersion).toBe(requiredQrVersion(card.jws));
  });

  it('refuses a card that does not fit one QR of version 22, naming its size', async () => {
    // distinct, random performer names: DEFLATE cannot shrink them away
    const error = await signCard(input(30, () => `Clinic ${randomBytes(24).toString('base64url')}`), signer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrTooLargeError);
    expect((error as QrTooLargeError).jwsLength).toBeGreaterThan(1195);
    expect((error as Error).message).toMatch(/JWS is \d+ chars/);
  });

  it('accepts a development issuer on http://localhost only when asked, and keeps that iss in the payload', () => {
    const dev = { ...input(1), iss: 'http://localhost:3000/issuer' };
    expect(() => cardPayload(dev)).toThrow(/must use https/);
    expect(cardPayload({ ...dev, allowHttpIssuer: true }).iss).toBe('http://localhost:3000/issuer');
    expect(() => cardPayload({ ...dev, iss: 'http://evil.example/issuer', allowHttpIssuer: true })).toThrow(/must use https/);
  });
});
