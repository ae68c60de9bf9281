/** Small codecs shared by the modules: strict base64url, strict UTF-8, JSON value types. */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding, in the shape an encoder can produce (length mod 4 ≠ 1). */
export function isBase64url(text: string): boolean {
  return BASE64URL.test(text) && text.length % 4 !== 1;
}

export function base64urlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Decodes strict base64url; returns null for anything Buffer would silently accept (padding, `+/`, spaces). */
export function base64urlDecode(text: string): Uint8Array | null {
  if (!isBase64url(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decoding that keeps a BOM (so callers can report it); null on malformed bytes. */
export function utf8Decode(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function utf8Encode(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** JSON.parse typed as what it really returns; null when the text is not JSON. */
export function parseJson(text: string): { value: JsonValue } | null {
  try {
    const value: unknown = JSON.parse(text);
    return { value: value as JsonValue };
  } catch {
    return null;
  }
}

export const BOM = '\uFEFF';
