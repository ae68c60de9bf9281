import { buildHealthCardFile, parseHealthCardFile } from './file';

const JWS = 'eyJ6aXAiOiJERUYifQ.3ZJNj9Mw.AbC-_d';

describe('.smart-health-card files', () => {
  it('builds the minified body and parses it back (text or bytes)', () => {
    const body = buildHealthCardFile([JWS, JWS]);
    expect(body).toBe(`{"verifiableCredential":["${JWS}","${JWS}"]}`);
    expect(parseHealthCardFile(body)).toEqual([JWS, JWS]);
    expect(parseHealthCardFile(Buffer.from(body))).toEqual([JWS, JWS]);
  });

  it('accepts pretty-printed JSON around the JWS strings', () => {
    expect(parseHealthCardFile(JSON.stringify({ verifiableCredential: [JWS] }, null, 2))).toEqual([JWS]);
  });

  it.each([
    ['a BOM (text)', `\uFEFF{"verifiableCredential":["${JWS}"]}`, /byte order mark/],
    ['a BOM (bytes)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`{"verifiableCredential":["${JWS}"]}`)]), /byte order mark/],
    ['a trailing newline in the JWS', `{"verifiableCredential":["${JWS}\\n"]}`, /whitespace/],
    ['a space in the JWS', `{"verifiableCredential":["${JWS.replace('.', ' .')}"]}`, /whitespace/],
    ['not JSON', '{"verifiableCredential":', /not JSON/],
    ['no array', '{"verifiableCredential":"x"}', /"verifiableCredential" array/],
    ['an empty array', '{"verifiableCredential":[]}', /empty/],
    ['a number', '{"verifiableCredential":[1]}', /not a string/],
    ['a non-JWS', '{"verifiableCredential":["abc"]}', /not a compact JWS/],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), /UTF-8/],
  ])('refuses %s', (_label, body, message) => {
    expect(() => parseHealthCardFile(body)).toThrow(message);
  });

  it('refuses to build a file with no or bad credentials', () => {
    expect(() => buildHealthCardFile([])).toThrow(/at least one/);
    expect(() => buildHealthCardFile([`${JWS}\n`])).toThrow(/whitespace/);
  });
});
