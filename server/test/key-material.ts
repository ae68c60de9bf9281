import type { Envelope } from '../src/crypto/envelope';
import { privateKeyAad } from '../src/keys/software-key-store';

/**
 * Private key material to look for in responses, logs and the audit log: each issuer key's private scalar `d` and
 * the sealed value stored in `issuer_key.private_ref`, in every text form they could leak in.
 */
export interface KeyMaterial {
  kid: string;
  /** [form name, needle] */
  needles: [string, string][];
  raw: [string, Buffer][];
}

/**
 * Hex (both cases) and base64/base64url at each of the three byte alignments a value can have inside a longer
 * encoded blob (a PEM or DER export, a JSON-serialised Buffer): the 40 characters that depend on the value alone.
 */
export function encodedForms(name: string, bytes: Buffer): [string, string][] {
  const forms: [string, string][] = [[`${name} hex`, bytes.toString('hex')], [`${name} HEX`, bytes.toString('hex').toUpperCase()]];
  for (const shift of [0, 1, 2]) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const start = shift === 0 ? 0 : 4;
    for (const alphabet of ['base64', 'base64url'] as const) {
      forms.push([`${name} ${alphabet}+${shift}`, padded.toString(alphabet).slice(start, start + 40)]);
    }
  }
  forms.push([`${name} decimal bytes`, [...bytes.subarray(0, 16)].join(',')]);
  return forms;
}

/** Opens each sealed private key (as the software key store would) and lists what must never appear anywhere. */
export function keyMaterialOf(envelope: Envelope, rows: { kid: string; private_ref: Buffer }[]): KeyMaterial[] {
  return rows.map(({ kid, private_ref: ref }) => {
    const jwk = JSON.parse(envelope.open(ref, privateKeyAad(kid)).toString('utf8')) as { d: string };
    const d = Buffer.from(jwk.d, 'base64url');
    return {
      kid,
      needles: [['d (JWK)', jwk.d], ...encodedForms('d', d), ...encodedForms('private_ref', ref)],
      raw: [['d bytes', d], ['private_ref bytes', ref]],
    };
  });
}

/** Where each needle was found; empty when clean. Whitespace and escaped line breaks are ignored (PEM, JSON logs). */
export function findKeyMaterial(material: KeyMaterial[], sources: { where: string; text?: string; bytes?: Buffer }[]): string[] {
  const found: string[] = [];
  for (const s of sources) {
    const text = s.text === undefined ? undefined : s.text.replace(/\\[nr]|\s+/g, '');
    for (const m of material) {
      for (const [form, needle] of m.needles) {
        if (text?.includes(needle) || (s.text?.includes(needle) ?? false)) found.push(`${m.kid}: ${form} in ${s.where}`);
      }
      for (const [form, bytes] of m.raw) {
        if (s.bytes && s.bytes.includes(bytes)) found.push(`${m.kid}: ${form} in ${s.where}`);
      }
    }
  }
  return found;
}
