import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { buildImmunizationBundle } from './bundle';
import { ShcError } from './errors';
import { parseJws, serializeJwsHeader, signJws } from './jws';
import { buildPayload, serializePayload } from './payload';
import { type Signer, derSigner, localSigner } from './signature';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = localSigner(privateKey);
const payload = buildPayload({
  iss: 'https://shc.health.example.gov/issuer',
  now: new Date(1_700_000_000_000),
  rid: 'abcDEF123_-',
  bundle: buildImmunizationBundle({ given: ['Ann'], family: 'Lee', birthDate: '1990-05-04' }, [
    { cvx: '208', occurrenceDate: '2021-04-01', performer: 'State Clinic', lotNumber: 'EW0182', status: 'completed' },
  ]),
});

describe('signJws', () => {
  it('writes the header exactly as {"zip":"DEF","alg":"ES256","kid":…}, a raw-DEFLATE payload and R‖S', async () => {
    const jws = await signJws(payload, signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(Buffer.from(h, 'base64url').toString('utf8')).toBe(`{"zip":"DEF","alg":"ES256","kid":"${signer.kid}"}`);
    expect(inflateRawSync(Buffer.from(p, 'base64url')).toString('utf8')).toBe(serializePayload(payload));
    const signature = Buffer.from(s, 'base64url');
    expect(signature).toHaveLength(64);
    expect(verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });

  it('refuses a signer that returns DER, naming the fix', async () => {
    const derBackend: Signer = {
      kid: signer.kid,
      sign: (input) => Promise.resolve(sign('sha256', input, { key: privateKey, dsaEncoding: 'der' })),
    };
    await expect(signJws(payload, derBackend)).rejects.toThrow(/DER-encoded.*derSigner/);
    await expect(signJws(payload, derBackend)).rejects.toMatchObject({ code: 'SIGNATURE_FORMAT' });
    const adapted = derSigner(signer.kid, derBackend.sign);
    const jws = await signJws(payload, adapted);
    expect(Buffer.from(jws.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
  });

  it('refuses a kid that is not a thumbprint', () => {
    expect(() => serializeJwsHeader('key-2024')).toThrow(ShcError);
  });
});

describe('parseJws', () => {
  it('decodes the three parts', async () => {
    const parsed = parseJws(await signJws(payload, signer));
    expect(parsed.header).toEqual({ zip: 'DEF', alg: 'ES256', kid: signer.kid });
    expect(parsed.signature).toHaveLength(64);
  });

  it.each([
    ['two parts', 'eyJhIjoxfQ.abc', /3 dot-separated parts, found 2/],
    ['four parts', 'a.b.c.d', /found 4/],
    ['empty payload', 'eyJhIjoxfQ..abc', /payload is not non-empty base64url/],
    ['standard base64', 'eyJhIjoxfQ.ab+c.abc', /payload/],
    ['padding', 'eyJhIjoxfQ==.abc.abc', /header/],
    ['header not JSON', `${Buffer.from('{nope').toString('base64url')}.abc.abc`, /header is not a JSON object/],
    ['header an array', `${Buffer.from('[1]').toString('base64url')}.abc.abc`, /header is not a JSON object/],
  ])('refuses %s', (_label, jws, message) => {
    expect(() => parseJws(jws)).toThrow(message);
  });
});
