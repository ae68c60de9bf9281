/**
 * Card Revocation Lists (spec §10): `{iss}/.well-known/crl/{kid}.json` = {kid, method:"rid", ctr, rids[]}.
 * `ctr` starts at 1 and grows with every change; the key's `crlVersion` in the JWKS must equal it.
 */
import { isJsonObject } from './encoding';
import { ShcError } from './errors';
import { type CrlEntry, formatCrlEntry, parseCrlEntry } from './rid';

export interface Crl {
  kid: string;
  method: 'rid';
  ctr: number;
  rids: string[];
}

export type CrlFindingCode =
  | 'CRL_SCHEMA'
  | 'CRL_KID'
  | 'CRL_METHOD'
  | 'CRL_CTR'
  | 'CRL_VERSION'
  | 'CRL_RID'
  | 'CRL_DUPLICATE'
  | 'CRL_FUTURE_TIMESTAMP'
  | 'CRL_EMPTY';

export interface CrlFinding {
  code: CrlFindingCode;
  severity: 'error' | 'warning';
  message: string;
}

export interface CrlValidation {
  /** The CRL when its shape is usable (even if some entries are bad); null when it is not a CRL at all. */
  crl: Crl | null;
  findings: CrlFinding[];
  valid: boolean;
}

export interface CrlValidationOptions {
  now: Date;
  /** The kid the CRL was published for (its file name). */
  kid?: string;
  /** The key's `crlVersion` from the JWKS: must equal `ctr`. */
  crlVersion?: number;
}

export function validateCrl(input: unknown, options: CrlValidationOptions): CrlValidation {
  const findings: CrlFinding[] = [];
  const error = (code: CrlFindingCode, message: string): void => void findings.push({ code, severity: 'error', message });
  if (!isJsonObject(input)) {
    error('CRL_SCHEMA', 'CRL is not a JSON object');
    return { crl: null, findings, valid: false };
  }
  const { kid, method, ctr, rids } = input;
  if (typeof kid !== 'string' || kid === '') error('CRL_SCHEMA', 'CRL kid must be a non-empty string');
  else if (options.kid !== undefined && kid !== options.kid) {
    error('CRL_KID', `CRL kid "${kid}" does not match the key "${options.kid}"`);
  }
  if (method !== 'rid') error('CRL_METHOD', `CRL method must be "rid", got ${JSON.stringify(method ?? null)}`);
  if (typeof ctr !== 'number' || !Number.isSafeInteger(ctr) || ctr < 1) {
    error('CRL_CTR', `CRL ctr must be a JSON integer ≥ 1, got ${JSON.stringify(ctr ?? null)}`);
  } else if (options.crlVersion !== undefined && ctr !== options.crlVersion) {
    error('CRL_VERSION', `CRL ctr ${ctr} does not match the key's crlVersion ${options.crlVersion}`);
  }
  if (!Array.isArray(rids) || !rids.every((r): r is string => typeof r === 'string')) {
    error('CRL_SCHEMA', 'CRL rids must be an array of strings');
    return { crl: null, findings, valid: false };
  }
  if (rids.length === 0) findings.push({ code: 'CRL_EMPTY', severity: 'warning', message: 'CRL rids is empty' });
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  const seen = new Map<string, string>();
  for (const entry of rids) {
    const parsed = parseCrlEntry(entry);
    if (parsed === null) {
      error('CRL_RID', `CRL entry "${entry}" is not rid or rid.<unix seconds> (rid: 1–24 base64url chars)`);
      continue;
    }
    const previous = seen.get(parsed.rid);
    if (previous !== undefined) error('CRL_DUPLICATE', `rid "${parsed.rid}" is listed twice ("${previous}", "${entry}")`);
    seen.set(parsed.rid, entry);
    if (parsed.revokedBefore !== undefined && parsed.revokedBefore > nowSeconds) {
      error('CRL_FUTURE_TIMESTAMP', `CRL entry "${entry}" has a timestamp in the future (now ${nowSeconds})`);
    }
  }
  const shapeOk = typeof kid === 'string' && method === 'rid' && typeof ctr === 'number';
  const crl: Crl | null = shapeOk ? { kid, method, ctr, rids: [...rids] } : null;
  return { crl, findings, valid: !findings.some((f) => f.severity === 'error') };
}

/** The CRL entry revoking a card with this rid and nbf, if any. Malformed entries are ignored. */
export function findRevocation(rid: string, nbf: number, crl: Crl): string | undefined {
  return crl.rids.find((entry) => {
    const parsed = parseCrlEntry(entry);
    if (parsed === null || parsed.rid !== rid) return false;
    return parsed.revokedBefore === undefined || nbf < parsed.revokedBefore;
  });
}

/** Revoked when the CRL lists the rid outright, or as `rid.T` with the card's nbf < T. */
export function isRevoked(rid: string, nbf: number, crl: Crl): boolean {
  return findRevocation(rid, nbf, crl) !== undefined;
}

/** A first CRL for a key (ctr 1). */
export function newCrl(kid: string, entries: readonly CrlEntry[] = []): Crl {
  const crl: Crl = { kid, method: 'rid', ctr: 1, rids: [] };
  return entries.reduce<Crl>((acc, e) => ({ ...mergeEntry(acc, e), ctr: 1 }), crl);
}

function mergeEntry(crl: Crl, entry: CrlEntry): Crl {
  const formatted = formatCrlEntry(entry);
  const index = crl.rids.findIndex((e) => parseCrlEntry(e)?.rid === entry.rid);
  if (index < 0) return { ...crl, ctr: crl.ctr + 1, rids: [...crl.rids, formatted] };
  const existing = parseCrlEntry(crl.rids[index] ?? '');
  // Keep the stronger revocation: outright beats timestamped, a later timestamp beats an earlier one. Never
  // un-revoke cards by accident; the correction workflow (revoke rid.T, re-issue with nbf > T) only moves T forward.
  if (existing && (existing.revokedBefore === undefined ||
      (entry.revokedBefore !== undefined && entry.revokedBefore <= existing.revokedBefore))) {
    return crl;
  }
  const rids = [...crl.rids];
  rids[index] = formatted;
  return { ...crl, ctr: crl.ctr + 1, rids };
}

/**
 * Returns a new CRL with the revocation added (ctr + 1), or the same object when it changes nothing (the rid is
 * already revoked at least as strongly). Throws ShcError INVALID_RID for a bad rid.
 */
export function withRevocation(crl: Crl, entry: CrlEntry): Crl {
  if (!Number.isSafeInteger(crl.ctr) || crl.ctr < 1) throw new ShcError('INVALID_CRL', `CRL ctr ${crl.ctr} is not an integer ≥ 1`);
  return mergeEntry(crl, entry);
}
