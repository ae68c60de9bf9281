/**
 * Card verification: a compact JWS, a `shc:/` QR text (or a legacy chunked QR set), or a `.smart-health-card`
 * body in; decoded header/payload/bundle and typed findings out. Never throws for a bad card.
 *
 * Why node:crypto and not jose: jose (like most JOSE libraries) does not implement `zip:"DEF"` for JWS — RFC 7516
 * defines `zip` only for JWE — so the payload would have to be inflated by hand anyway, and jose's compactVerify
 * refuses or ignores the unknown header rather than letting us apply the spec's own checks (raw DEFLATE, inflate
 * cap, minified JSON). Signing has the same problem, and our Signer must work with HSMs/KMS that return raw or DER
 * signatures over bytes we compose ourselves. ES256 verification is one call: createPublicKey({ key: jwk, format:
 * 'jwk' }) + crypto.verify('sha256', …, { key, dsaEncoding: 'ieee-p1363' }).
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import type { Crl } from './crl';
import { findRevocation } from './crl';
import { BOM, type JsonObject, isJsonObject, parseJson } from './encoding';
import { ShcError } from './errors';
import { parseHealthCardFile } from './file';
import { type Finding, FindingList } from './findings';
import { type JwkSetInput, type KeySetValidation, validateKeySet } from './jwk';
import { type ParsedJws, parseJws } from './jws';
import { SHC_PREFIX, decodeChunkedShc, decodeShc, parseShcChunk } from './numeric';
import { DEFAULT_MAX_INFLATED_BYTES, inflatePayload } from './payload';
import { MAX_SINGLE_QR_JWS_LENGTH } from './qr';
import { ES256_SIGNATURE_BYTES, isDerSignature } from './signature';
import { checkClaims, checkHeader } from './verify-claims';

export interface VerifyOptions {
  /** The issuer's published JWK Set ({"keys":[…]}); validated here, invalid keys are not used. */
  keySet: JwkSetInput;
  /** The verifier's clock. */
  now: Date;
  /** When given, iss must be one of these exactly. */
  trustedIssuers?: readonly string[];
  /** CRL per kid, as fetched from {iss}/.well-known/crl/{kid}.json. */
  crls?: Readonly<Record<string, Crl>>;
  maxInflatedBytes?: number;
  /** Allowed clock skew for nbf/exp, in seconds (default 0). */
  clockToleranceSeconds?: number;
  /** verifyCards: at most this many credentials of a file are verified (default 10); the rest are only counted. */
  maxCards?: number;
}

const DEFAULT_MAX_CARDS = 10;

export type CardFormat = 'jws' | 'qr' | 'qr-chunked' | 'file';

export interface CardVerification {
  format: CardFormat;
  jws?: string;
  header?: JsonObject;
  payload?: JsonObject;
  bundle?: JsonObject;
  kid?: string;
  iss?: string;
  nbf?: number;
  exp?: number;
  rid?: string;
  signatureValid: boolean;
  findings: Finding[];
  /** Signature verified and no finding of severity error. */
  valid: boolean;
}

interface Extracted {
  format: CardFormat;
  jwsList: string[];
  findings: FindingList;
}

function extractString(raw: string): Extracted {
  const findings = new FindingList();
  let text = raw;
  if (text.startsWith(BOM)) {
    findings.error('STRUCTURE', 'input starts with a UTF-8 byte order mark');
    text = text.slice(BOM.length);
  }
  if (text !== text.trim()) {
    findings.error('STRUCTURE', 'input has leading or trailing whitespace (trailing characters)');
    text = text.trim();
  }
  if (text.startsWith(SHC_PREFIX)) {
    const chunk = parseShcChunk(text);
    if (chunk !== null) {
      findings.error('QR_CHUNKED', `shc:/${chunk.index}/${chunk.count}/ is chunk ${chunk.index} of ${chunk.count} of a chunked QR set: chunking is deprecated since v1.3.0; pass all chunks to verify the card`);
      return { format: 'qr', jwsList: [], findings };
    }
    try {
      return { format: 'qr', jwsList: [decodeShc(text)], findings };
    } catch (error) {
      findings.error('STRUCTURE', error instanceof ShcError ? error.message : 'unreadable shc:/ text');
      return { format: 'qr', jwsList: [], findings };
    }
  }
  if (text.startsWith('{')) {
    try {
      return { format: 'file', jwsList: parseHealthCardFile(text), findings };
    } catch (error) {
      findings.error('STRUCTURE', error instanceof ShcError ? error.message : 'unreadable health card file');
      return { format: 'file', jwsList: [], findings };
    }
  }
  return { format: 'jws', jwsList: [text], findings };
}

function extract(input: string | readonly string[]): Extracted {
  if (typeof input === 'string') return extractString(input);
  if (input.length === 1 && input[0] !== undefined) return extractString(input[0]);
  const findings = new FindingList();
  try {
    const jws = decodeChunkedShc(input);
    findings.warning('QR_CHUNKED', `card read from ${input.length} chunked QR codes: chunking is deprecated since v1.3.0`);
    return { format: 'qr-chunked', jwsList: [jws], findings };
  } catch (error) {
    findings.error('STRUCTURE', error instanceof ShcError ? error.message : 'unreadable chunked QR set');
    return { format: 'qr-chunked', jwsList: [], findings };
  }
}

function checkSignature(parsed: ParsedJws, kid: string, keySet: KeySetValidation, findings: FindingList): boolean {
  const signature = parsed.signature;
  if (signature.byteLength !== ES256_SIGNATURE_BYTES) {
    const der = isDerSignature(signature) ? ' and is DER-encoded' : '';
    findings.error('SIGNATURE', `signature is ${signature.byteLength} bytes${der}; ES256 requires a 64-byte R‖S (IEEE P1363) signature`);
    return false;
  }
  const key = keySet.keys.find((k) => k.kid === kid);
  if (key === undefined) {
    const problems = keySet.findings.filter((f) => f.severity === 'error' && (f.kid === kid || f.code === 'KEY_SET_SCHEMA'));
    for (const problem of problems) findings.error('KEY', problem.message);
    findings.error('SIGNATURE', problems.length > 0
      ? `key "${kid}" is in the key set but unusable`
      : `unknown kid "${kid}": no such key in the issuer's key set`);
    return false;
  }
  const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y }, format: 'jwk' });
  const ok = cryptoVerify('sha256', parsed.signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!ok) findings.error('SIGNATURE', `signature does not verify with key "${kid}"`);
  return ok;
}

function checkRevocation(result: CardVerification, keySet: KeySetValidation, options: VerifyOptions, findings: FindingList): void {
  const { kid, rid, nbf } = result;
  if (kid === undefined) return;
  const key = keySet.keys.find((k) => k.kid === kid);
  const crl = options.crls?.[kid];
  if (crl === undefined) {
    if (key?.crlVersion !== undefined && rid !== undefined) {
      findings.warning('CRL', `key "${kid}" publishes a CRL (crlVersion ${key.crlVersion}) but none was supplied: revocation not checked`);
    }
    return;
  }
  if (crl.kid !== kid) {
    findings.error('CRL', `the CRL supplied for key "${kid}" is for kid "${crl.kid}"`);
    return;
  }
  if (key?.crlVersion !== undefined && crl.ctr !== key.crlVersion) {
    findings.warning('CRL', `CRL ctr ${crl.ctr} differs from the key's crlVersion ${key.crlVersion}: stale CRL?`);
  }
  if (rid === undefined) return;
  // Without a usable nbf a timestamped entry cannot be ruled out: treat the card as issued before it.
  const entry = findRevocation(rid, nbf ?? Number.NEGATIVE_INFINITY, crl);
  if (entry === undefined) return;
  findings.error('REVOKED', entry === rid
    ? `rid "${rid}" is revoked by the CRL of key "${kid}"`
    : `rid "${rid}" is revoked by CRL entry "${entry}" (cards with nbf before that time)`);
}

function verifyJws(jws: string, format: CardFormat, inherited: readonly Finding[], keySet: KeySetValidation, options: VerifyOptions): CardVerification {
  const findings = new FindingList();
  findings.items.push(...inherited);
  const result: CardVerification = { format, jws, signatureValid: false, findings: findings.items, valid: false };
  const finish = (): CardVerification => {
    result.valid = result.signatureValid && !findings.hasErrors();
    return result;
  };
  if (jws.length > MAX_SINGLE_QR_JWS_LENGTH) {
    findings.error('TOO_LONG', `JWS is ${jws.length} chars: more than ${MAX_SINGLE_QR_JWS_LENGTH} cannot fit one QR of version ≤ 22 at ECC L`);
  }
  let parsed: ParsedJws;
  try {
    parsed = parseJws(jws);
  } catch (error) {
    findings.error('STRUCTURE', error instanceof ShcError ? error.message : 'not a compact JWS');
    return finish();
  }
  result.header = parsed.header;
  result.kid = checkHeader(parsed.header, findings);
  if (result.kid !== undefined) result.signatureValid = checkSignature(parsed, result.kid, keySet, findings);

  let text: string;
  try {
    text = inflatePayload(parsed.payload, options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES);
  } catch (error) {
    findings.error('INFLATE', error instanceof ShcError ? error.message : 'payload does not inflate');
    return finish();
  }
  if (text.startsWith(BOM)) findings.error('STRUCTURE', 'payload JSON starts with a UTF-8 byte order mark');
  const json = parseJson(text.startsWith(BOM) ? text.slice(BOM.length) : text);
  if (json === null || !isJsonObject(json.value)) {
    findings.error('STRUCTURE', 'payload is not a JSON object');
    return finish();
  }
  result.payload = json.value;
  if (JSON.stringify(json.value).length < text.length) findings.warning('PAYLOAD', 'payload JSON is not minified');
  const claims = checkClaims(json.value, {
    now: options.now,
    trustedIssuers: options.trustedIssuers,
    clockToleranceSeconds: options.clockToleranceSeconds ?? 0,
  }, findings);
  Object.assign(result, claims);
  checkRevocation(result, keySet, options, findings);
  return finish();
}

/** Verifies every credential in the input (a file may hold several; a JWS or QR holds one). */
export function verifyCards(input: string | readonly string[], options: VerifyOptions): CardVerification[] {
  const keySet = validateKeySet(options.keySet);
  const { format, jwsList, findings } = extract(input);
  if (jwsList.length === 0) return [{ format, signatureValid: false, findings: findings.items, valid: false }];
  // Each credential may inflate to 128 KiB and is walked in full: bound the work a single file can ask for.
  const max = options.maxCards ?? DEFAULT_MAX_CARDS;
  const results = jwsList.slice(0, max).map((jws) => verifySafely(jws, format, findings.items, keySet, options));
  if (jwsList.length > max) {
    results[0]!.findings.push({ code: 'STRUCTURE', severity: 'warning', message: `file holds ${jwsList.length} credentials: only the first ${max} were verified` });
  }
  return results;
}

/** Hostile payloads (say, JSON nested thousands deep) become a finding, never an exception. */
function verifySafely(jws: string, format: CardFormat, inherited: readonly Finding[], keySet: KeySetValidation, options: VerifyOptions): CardVerification {
  try {
    return verifyJws(jws, format, inherited, keySet, options);
  } catch (err) {
    const why = err instanceof RangeError ? 'its content is nested too deeply' : 'its content could not be processed';
    return { format, jws, signatureValid: false, findings: [...inherited, { code: 'STRUCTURE', severity: 'error', message: `card rejected: ${why}` }], valid: false };
  }
}

/**
 * Verifies one card. Input: a compact JWS, a `shc:/` QR text, an array of legacy chunked QR texts, or a
 * `.smart-health-card` body holding exactly one credential (use verifyCards for several).
 */
export function verifyCard(input: string | readonly string[], options: VerifyOptions): CardVerification {
  const results = verifyCards(input, options);
  const [first] = results;
  if (first !== undefined && results.length === 1) return first;
  return {
    format: 'file',
    signatureValid: false,
    findings: [{ code: 'STRUCTURE', severity: 'error', message: `file holds ${results.length} credentials: use verifyCards` }],
    valid: false,
  };
}
