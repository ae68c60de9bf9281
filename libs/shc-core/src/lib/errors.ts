/**
 * Typed errors thrown by the builders and codecs of this library. Verification never throws for a bad card: it
 * reports findings (see verify.ts). These errors are for callers that *produce* cards, where a bad input is a bug.
 */
export type ShcErrorCode =
  | 'INVALID_CARD_INPUT' // person/dose data that cannot go on a card
  | 'DOSE_NOT_COMPLETED' // an Immunization whose status is not "completed"
  | 'INVALID_ISSUER' // iss not https, trailing slash, …
  | 'INFLATE_LIMIT' // payload inflates beyond the cap (decompression bomb)
  | 'INFLATE_FAILED' // not raw DEFLATE (zlib/gzip wrapped, corrupt)
  | 'SIGNATURE_FORMAT' // a signer returned something other than a 64-byte R||S signature
  | 'INVALID_KEY' // a key that is not an EC P-256 key usable for ES256
  | 'INVALID_JWS' // not a compact JWS
  | 'INVALID_RID' // revocation id or CRL entry outside the spec grammar
  | 'INVALID_CRL'
  | 'INVALID_QR' // shc:/ numeric text that cannot be decoded
  | 'QR_CHUNKED' // legacy shc:/C/N/ chunk
  | 'QR_TOO_LARGE' // card does not fit one QR of version ≤ 22
  | 'INVALID_FILE'; // .smart-health-card body

export class ShcError extends Error {
  constructor(
    readonly code: ShcErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShcError';
  }
}

/** A dose whose FHIR `status` is not `completed` (spec §7: such doses never go on a card; correct the card instead). */
export class DoseNotCompletedError extends ShcError {
  constructor(
    readonly doseIndex: number,
    readonly status: string,
  ) {
    super(
      'DOSE_NOT_COMPLETED',
      `doses[${doseIndex}] has status "${status}": only status "completed" may go on a SMART Health Card`,
    );
    this.name = 'DoseNotCompletedError';
  }
}

/** One QR chunk of the deprecated `shc:/C/N/…` form. */
export class ChunkedQrError extends ShcError {
  constructor(
    readonly chunkIndex: number,
    readonly chunkCount: number,
  ) {
    super(
      'QR_CHUNKED',
      `shc:/${chunkIndex}/${chunkCount}/… is chunk ${chunkIndex} of ${chunkCount} of a chunked QR set: ` +
        'chunking is deprecated since SMART Health Cards v1.3.0 (a card must fit one QR: JWS ≤ 1195 chars)',
    );
    this.name = 'ChunkedQrError';
  }
}

/** The card does not fit one QR code of version ≤ 22 at ECC L. `requiredVersion` is null above version 40. */
export class QrTooLargeError extends ShcError {
  constructor(
    readonly jwsLength: number,
    readonly requiredVersion: number | null,
  ) {
    const needs = requiredVersion === null ? 'more than QR version 40' : `QR version ${requiredVersion}`;
    super(
      'QR_TOO_LARGE',
      `JWS is ${jwsLength} chars and needs ${needs} at ECC L; SMART Health Cards allow at most version 22 ` +
        '(1195 JWS chars). Put fewer doses on the card (or use SMART Health Links); chunking is deprecated.',
    );
    this.name = 'QrTooLargeError';
  }
}
