/**
 * SVG rendering through qrcode's pure string renderer (no files, no canvas). PNG is left to the server: it can pass
 * `qrSegments(jws)` and `{ errorCorrectionLevel: 'L', version: createQr(jws).version }` to `QRCode.toBuffer`.
 */
import { toString as qrToString } from 'qrcode';
import { QR_ERROR_CORRECTION, createQr, qrSegments } from './qr';

export interface SvgOptions {
  /** Quiet zone in modules; the QR standard asks for 4. */
  margin?: number;
  /** Forces the output width in pixels. */
  width?: number;
  dark?: string;
  light?: string;
}

/** The card's QR as an SVG document. Same guards as createQr (two segments, ECC L, version ≤ 22). */
export async function renderQrSvg(jws: string, options: SvgOptions = {}): Promise<string> {
  const qr = createQr(jws);
  return qrToString(qrSegments(jws), {
    type: 'svg',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    version: qr.version,
    maskPattern: qr.maskPattern,
    margin: options.margin ?? 4,
    width: options.width,
    color: { dark: options.dark ?? '#000000ff', light: options.light ?? '#ffffffff' },
  });
}
