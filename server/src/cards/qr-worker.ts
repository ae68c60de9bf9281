import jsQR from 'jsqr';
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { toBuffer } from 'qrcode';
import { QR_ERROR_CORRECTION, createQr, qrSegments, renderQrSvg } from '@tessera/shc-core';
import { renderCardPdf, type CardPdfInput } from './card-pdf';
import { imageKind } from './image-kind';

/**
 * The CPU-heavy card work, run in worker threads (piscina, see qr-render.pool.ts) so that it never stalls the event
 * loop: QR symbols (mask selection), PNG/PDF encoding, and decoding uploaded images. Every export is a piscina task.
 * Built by webpack as its own entry (`qr-worker.js` next to `main.js`).
 */

/** Pixels per QR module: a version-18 card is 97 modules with the quiet zone → 582 px, ~250 dpi at 60 mm. */
const PNG_SCALE = 6;

export async function renderPng(jws: string): Promise<Uint8Array> {
  const qr = createQr(jws); // the spec's guards: two segments, ECC L, version ≤ 22
  const png = await toBuffer(qrSegments(jws), {
    type: 'png', errorCorrectionLevel: QR_ERROR_CORRECTION, version: qr.version, maskPattern: qr.maskPattern, margin: 4, scale: PNG_SCALE,
  });
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

export function renderSvg(jws: string): Promise<string> {
  return renderQrSvg(jws);
}

export async function renderPdf(input: Omit<CardPdfInput, 'qrPng'> & { jws: string }): Promise<Uint8Array> {
  const { jws, ...rest } = input;
  return renderCardPdf({ ...rest, qrPng: await renderPng(jws) });
}

/** Largest image decoded: 12 megapixels (48 MB of RGBA); a phone photo of a QR needs far less. */
export const MAX_IMAGE_PIXELS = 12_000_000;

export type ImageDecodeResult =
  | { ok: true; text: string; kind: 'png' | 'jpeg'; width: number; height: number }
  | { ok: false; kind: 'png' | 'jpeg' | 'unknown'; reason: string };

/** Finds and reads the QR in a PNG or JPEG image. Never throws: a bad image is an answer, not a crash. */
export function decodeQrImage(bytes: Uint8Array): ImageDecodeResult {
  const kind = imageKind(bytes);
  if (kind === 'unknown') return { ok: false, kind, reason: 'The file is not a PNG or JPEG image.' };
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = kind === 'png' ? readPng(bytes) : decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 256 });
  } catch (err) {
    const why = err instanceof ImageTooLargeError ? err.message : `The ${kind.toUpperCase()} image could not be decoded (damaged or truncated file).`;
    return { ok: false, kind, reason: /maxResolutionInMP|maxMemoryUsage/.test(String(err)) ? tooLarge() : why };
  }
  const rgba = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.width * image.height * 4);
  const code = jsQR(rgba, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (code === null) return { ok: false, kind, reason: 'No QR code was found in the image. Use a sharp, well-lit picture showing the whole QR code.' };
  return { ok: true, text: code.data, kind, width: image.width, height: image.height };
}

class ImageTooLargeError extends Error {}

const tooLarge = () => `The image is larger than ${MAX_IMAGE_PIXELS / 1e6} megapixels: crop it to the QR code.`;

/** Reads the PNG header first, so a small file claiming a huge image (a decompression bomb) is refused unread. */
function readPng(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 24) throw new Error('truncated');
  const width = view.readUInt32BE(16), height = view.readUInt32BE(20);
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageTooLargeError(tooLarge());
  // pngjs inflates interlaced images without an output limit (a 1 MB file reached 2 GB): QR photos and screenshots
  // are not interlaced, so refuse them unread.
  if (view.length < 29 || view[28] !== 0) throw new ImageTooLargeError('Interlaced PNG images are not accepted: save the image again without interlacing.');
  const png = PNG.sync.read(view);
  return { width: png.width, height: png.height, data: png.data };
}
