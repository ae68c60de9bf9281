import { QrTooLargeError, ShcError } from './errors';
import { createQr, qrSegments, requiredQrVersion } from './qr';
import { renderQrSvg } from './render';

/** A syntactically plausible JWS of exactly `length` characters. */
function jwsOfLength(length: number): string {
  const body = 'A'.repeat(length - 2);
  return `${body.slice(0, 10)}.${body.slice(10, length - 2 - 86)}.${body.slice(length - 2 - 86)}`;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('qrSegments', () => {
  it('is exactly byte "shc:/" then the numeric digits', () => {
    const [byte, numeric] = qrSegments('-.z');
    expect(byte.mode).toBe('byte');
    expect(Buffer.from(byte.data).toString('ascii')).toBe('shc:/');
    expect(numeric).toEqual({ mode: 'numeric', data: '000177' });
  });
});

describe('createQr', () => {
  it('fits the 1195-char limit in version 22 at ECC L, with two segments', () => {
    const jws = jwsOfLength(1195);
    expect(jws).toHaveLength(1195);
    const qr = createQr(jws);
    expect(qr.version).toBe(22);
    expect(qr.modules.size).toBe(105);
    expect(qr.errorCorrectionLevel.bit).toBe(1); // L
    expect(qr.segments.map((s) => s.mode.id)).toEqual(['Byte', 'Numeric']);
  });

  it('uses the smallest version that fits', () => {
    expect(createQr(jwsOfLength(400)).version).toBe(12); // 800 digits: version 11-L holds 772
  });

  it('refuses 1196 chars, naming the length, the limit and the version it would need', () => {
    const error = caught(() => createQr(jwsOfLength(1196)));
    expect(error).toBeInstanceOf(QrTooLargeError);
    expect(error).toMatchObject({ code: 'QR_TOO_LARGE', jwsLength: 1196, requiredVersion: 23 });
    expect((error as Error).message).toMatch(/1196 chars and needs QR version 23.*version 22.*1195/);
    expect(requiredQrVersion(jwsOfLength(1196))).toBe(23);
  });

  it('reports a card beyond version 40', () => {
    expect(caught(() => createQr(jwsOfLength(5000)))).toMatchObject({ jwsLength: 5000, requiredVersion: null });
    expect(requiredQrVersion(jwsOfLength(5000))).toBeNull();
  });

  it('refuses text that is not a JWS alphabet', () => {
    expect(caught(() => createQr('a b.c.d'))).toMatchObject({ code: 'INVALID_QR' });
    expect(caught(() => createQr('a b.c.d'))).toBeInstanceOf(ShcError);
  });
});

describe('renderQrSvg', () => {
  it('renders an SVG of the right module count (size + 2 × margin)', async () => {
    const svg = await renderQrSvg(jwsOfLength(1195), { margin: 4 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox="0 0 113 113"');
  });

  it('keeps the version-22 guard', async () => {
    await expect(renderQrSvg(jwsOfLength(1300))).rejects.toBeInstanceOf(QrTooLargeError);
  });
});
