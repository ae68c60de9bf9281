import {
  ES256_SIGNATURE_BYTES, MAX_QR_VERSION, QrTooLargeError, buildImmunizationBundle, buildPayload, encodePayload, encodeShc,
  serializeJwsHeader, signJws, type CardDose, type CardPerson, type HealthCardPayload, type Signer,
} from '@tessera/shc-core';

/**
 * The card pipeline, pure and synchronous apart from the signer: bundle → payload → minify + raw DEFLATE → ES256
 * (through a Signer) → `shc:/` numeric text, and the QR version the text needs. CardsService issues every card through
 * `signCard`, and `npm run bench:cards` measures this very function.
 */
export interface CardInput {
  person: CardPerson;
  doses: readonly CardDose[];
  iss: string;
  /** Issuance time (the service's injected clock); nbf = whole seconds. */
  now: Date;
  rid: string;
  /**
   * Development only: shc-core refuses an `iss` that is not https (spec §2), but the configuration accepts
   * http://localhost outside production so the console works without TLS. Such cards will not pass a verifier app;
   * the inspector says so.
   */
  allowHttpIssuer?: boolean;
}

export interface SignedCard {
  jws: string;
  qrText: string;
  qrVersion: number;
  nbf: number;
}

export function cardPayload(input: CardInput): HealthCardPayload {
  const bundle = buildImmunizationBundle(input.person, input.doses);
  return buildPayload({ iss: input.iss, bundle, now: input.now, rid: input.rid, allowLocalhostHttp: input.allowHttpIssuer === true });
}

/** Builds and signs a card. Throws QrTooLargeError (nothing is signed twice) when it would not fit one QR ≤ V22. */
export async function signCard(input: CardInput, signer: Signer): Promise<SignedCard> {
  const payload = cardPayload(input);
  const jws = await signJws(payload, signer);
  const qrVersion = qrVersionFor(jws.length);
  if (qrVersion === null || qrVersion > MAX_QR_VERSION) throw new QrTooLargeError(jws.length, qrVersion);
  return { jws, qrText: encodeShc(jws), qrVersion, nbf: payload.nbf };
}

/**
 * How many of the most recent doses (input.doses in date order) fit one QR code, without signing: the JWS length is
 * known before the signature (a 64-byte signature is always 86 base64url characters). 0 when not even one fits.
 */
export function dosesThatFit(input: CardInput, kid: string): number {
  const b64 = (bytes: number) => Math.ceil((bytes * 4) / 3);
  const header = b64(Buffer.byteLength(serializeJwsHeader(kid)));
  for (let k = input.doses.length; k >= 1; k--) {
    const payload = encodePayload(cardPayload({ ...input, doses: input.doses.slice(-k) }));
    const version = qrVersionFor(header + 1 + b64(payload.length) + 1 + b64(ES256_SIGNATURE_BYTES));
    if (version !== null && version <= MAX_QR_VERSION) return k;
  }
  return 0;
}

/** Data codewords of QR versions 1–40 at error correction L (ISO/IEC 18004 table 7). */
const DATA_CODEWORDS_L = [
  19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861, 932, 1006, 1094, 1174,
  1276, 1370, 1468, 1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956,
];
const SHC_PREFIX_BITS = 5 * 8;

/**
 * The smallest QR version (ECC L) holding a card's two segments — byte `shc:/`, then 2 digits per JWS character —
 * or null above version 40. Arithmetic instead of shc-core's createQr, which builds and masks the whole symbol
 * (about 3 ms: too slow for the request path; a unit test checks both agree). The QR image itself is drawn in the
 * worker pool with createQr's segments.
 */
export function qrVersionFor(jwsLength: number): number | null {
  const digits = jwsLength * 2;
  const numericBits = 10 * Math.floor(digits / 3) + [0, 4, 7][digits % 3]!;
  for (let version = 1; version <= DATA_CODEWORDS_L.length; version++) {
    const byteCount = version < 10 ? 8 : 16;
    const numericCount = version < 10 ? 10 : version < 27 ? 12 : 14;
    const bits = 4 + byteCount + SHC_PREFIX_BITS + 4 + numericCount + numericBits;
    if (bits <= DATA_CODEWORDS_L[version - 1]! * 8) return version;
  }
  return null;
}
