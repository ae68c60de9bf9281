/**
 * QR codes for cards (spec §9): exactly two segments — byte "shc:/" then numeric digits — at ECC L, version ≤ 22.
 * Returns qrcode's QR object (modules + version); rendering to PNG/SVG is the caller's (see render.ts for SVG).
 */
import { type QRCode, type QRCodeByteSegment, type QRCodeNumericSegment, create } from 'qrcode';
import { QrTooLargeError } from './errors';
import { SHC_PREFIX, jwsToNumeric } from './numeric';

export const MAX_QR_VERSION = 22;
/** Longest JWS that fits one version-22 QR at ECC L: (totalBits − 76) × 3/20 (spec FAQ). */
export const MAX_SINGLE_QR_JWS_LENGTH = 1195;
export const QR_ERROR_CORRECTION = 'L';

export type ShcQrSegments = [QRCodeByteSegment, QRCodeNumericSegment];

/** The two segments of a card's QR. Many libraries default to one byte segment: non-conformant and far larger. */
export function qrSegments(jws: string): ShcQrSegments {
  return [
    { mode: 'byte', data: Buffer.from(SHC_PREFIX, 'ascii') },
    { mode: 'numeric', data: jwsToNumeric(jws) },
  ];
}

function smallestQr(segments: ShcQrSegments): QRCode | null {
  try {
    return create(segments, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  } catch (error) {
    if (error instanceof Error && /too big/i.test(error.message)) return null;
    throw error;
  }
}

/** The smallest QR version that holds this card at ECC L; null when even version 40 is too small. */
export function requiredQrVersion(jws: string): number | null {
  return smallestQr(qrSegments(jws))?.version ?? null;
}

/**
 * Builds the card's QR at the smallest version that fits (not always 22: spec issue #186). Throws QrTooLargeError
 * (naming the JWS length and the version it would need) above version 22; ShcError INVALID_QR for characters that
 * cannot be numerically encoded.
 */
export function createQr(jws: string): QRCode {
  const qr = smallestQr(qrSegments(jws));
  if (qr === null) throw new QrTooLargeError(jws.length, null);
  if (qr.version > MAX_QR_VERSION) throw new QrTooLargeError(jws.length, qr.version);
  return qr;
}
