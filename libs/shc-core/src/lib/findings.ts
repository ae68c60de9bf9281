/** The vocabulary of verification findings. */

export type FindingCode =
  | 'STRUCTURE' // not three parts, bad base64url, bad JSON, BOM/whitespace, unreadable file or QR text
  | 'HEADER' // alg / zip / kid
  | 'INFLATE' // not raw DEFLATE, or a decompression bomb
  | 'PAYLOAD' // payload claims missing or of the wrong type (vc.type, fhirVersion, rid format, …)
  | 'SIGNATURE' // does not verify, DER-length signature, unknown kid
  | 'KEY' // the key named by kid is in the key set but invalid
  | 'ISSUER' // iss not https, trailing slash, not trusted
  | 'NOT_YET_VALID' // nbf in the future, or nbf in milliseconds
  | 'EXPIRED' // exp in the past
  | 'MINIMISATION' // ids, meta, text, display, non resource:N references, non-completed status
  | 'REVOKED' // rid listed in the key's CRL
  | 'CRL' // the CRL supplied for the key is unusable or stale
  | 'QR_CHUNKED' // deprecated shc:/C/N/ form
  | 'TOO_LONG'; // JWS longer than 1195 chars (does not fit one QR of version ≤ 22)

export type FindingSeverity = 'error' | 'warning';

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  /** JSON path for payload/bundle findings. */
  path?: string;
}

export class FindingList {
  readonly items: Finding[] = [];

  error(code: FindingCode, message: string, path?: string): void {
    this.items.push(path === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, path });
  }

  warning(code: FindingCode, message: string, path?: string): void {
    this.items.push(path === undefined ? { code, severity: 'warning', message } : { code, severity: 'warning', message, path });
  }

  hasErrors(): boolean {
    return this.items.some((f) => f.severity === 'error');
  }
}
