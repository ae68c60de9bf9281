import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CardInspectionResponse, InspectedKeyState, InspectionFinding } from '@tessera/contracts';
import { SHC_PREFIX, utf8Decode, verifyCards, type CardVerification, type Finding } from '@tessera/shc-core';
import { AuditService } from '../audit/audit.service';
import { problem } from '../common/problem.filter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { summarizeBundle } from '../cards/card-bundle';
import { RegistryRecords } from '../registry/registry-records';
import { CARD_CLOCK, type Clock } from '../cards/cards.service';
import { QrRenderPool } from '../cards/qr-render.pool';
import { imageKind } from '../cards/image-kind';
import { KeysService } from '../keys/keys.service';
import type { InspectionInput } from './inspection-input';

type Format = 'qr-numeric' | 'jws' | 'file' | 'image';
const JWS_LIKE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?$/;
/** Characters that never appear in a card's text form (control characters other than whitespace). */
const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/**
 * The card inspector: what a help-desk agent uses when a resident says "the verifier app rejects my card". Reads a
 * pasted text or an upload, verifies it as a verifier app would against this issuer's published key set, and explains
 * every finding. Answers 200 for anything that can be read as a card (valid or not), 422 for input that is not one.
 */
@Injectable()
export class CardInspectorService {
  constructor(
    private readonly keys: KeysService,
    private readonly pool: QrRenderPool,
    private readonly registry: RegistryRecords,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CARD_CLOCK) private readonly clock: Clock,
  ) {}

  async inspect(input: InspectionInput): Promise<CardInspectionResponse> {
    const { text, format } = await this.textOf(input);
    const cardInput = cardInputOf(text);
    if (cardInput === null) {
      return this.notACard(format, 'Not a SMART Health Card: expected a shc:/ QR text, a JWS (three base64url parts separated by dots), ' +
        'a .smart-health-card file, or a PNG/JPEG image of the QR code.');
    }
    const now = this.clock();
    const [published, states] = await Promise.all([this.keys.publishedKeySet(), this.keys.keyStates()]);
    const results = verifyCards(cardInput, { keySet: published, now });
    const result = results[0]!;
    if (result.header === undefined) return this.notACard(format ?? formatOf(result), unreadable(result, text));

    const ourIssuer = result.iss === this.config.issuerUrl;
    const kid = result.kid ?? null;
    const keyState: InspectedKeyState = ourIssuer && kid !== null ? (states.get(kid) ?? 'unknown') : 'unknown';
    let findings = result.findings;
    let signatureValid: boolean | null = result.signatureValid;
    const extra: InspectionFinding[] = [];
    if (results.length > 1) extra.push({ code: 'FILE', severity: 'warning', message: `The file holds ${results.length} cards: only the first is shown.` });

    if (!ourIssuer) {
      findings = findings.filter((f) => !unknownKeyFinding(f));
      signatureValid = null;
      extra.push({
        code: 'UNKNOWN_ISSUER', severity: 'warning', message: `Issued by ${result.iss ?? 'an unnamed issuer'}, not by this issuer (${this.config.issuerUrl}): ` +
          'its signature was not checked. The server does not fetch key sets from addresses named inside pasted cards (anyone could ' +
          'make it call any host); check such a card with a verifier app, which uses its trusted issuer directory.',
      });
    } else if (keyState === 'revoked' && kid !== null) {
      findings = findings.filter((f) => !unknownKeyFinding(f));
      signatureValid = await this.checkAgainstRevokedKey(cardInput, kid, now);
      extra.push({
        code: 'KEY_REVOKED', severity: 'error', message: `Signed with key ${kid}, which was revoked for compromise and removed from the published key set: ` +
          'every verifier rejects this card. ' + (signatureValid
          ? 'The signature itself is genuine (checked against the revoked key\'s stored public key): issue the resident a new card.'
          : 'The signature does not match even the revoked key: the card was altered or forged.'),
      });
    } else if (keyState === 'unknown' && kid !== null) {
      extra.push({ code: 'UNKNOWN_KEY', severity: 'error', message: `This issuer never had a key ${kid}: the card was forged or its header altered.` });
    } else if (keyState === 'created') {
      extra.push({ code: 'KEY_NOT_ACTIVE', severity: 'warning', message: `Key ${kid ?? ''} has never been active: Tessera signs only its activation self-test with such a key, never a resident's card.` });
    }
    const mapped = [...findings.map((f) => this.mapFinding(f, ourIssuer)), ...extra];
    const valid = ourIssuer && signatureValid === true && keyState !== 'revoked' && !mapped.some((f) => f.severity === 'error');
    const summary = result.bundle ? summarizeBundle(result.bundle) : { patient: null, doses: [] };
    const names = await this.registry.vaccineNames(summary.doses.map((d) => d.cvx));
    const response: CardInspectionResponse = {
      format: format ?? formatOf(result), valid, signatureValid, iss: result.iss ?? null, ourIssuer, kid, keyState,
      issuedAt: issuedAtOf(result.nbf),
      rid: result.rid ?? null,
      revoked: null, // no revocation list yet: a card cannot be revoked individually
      patient: summary.patient,
      doses: summary.doses.map((d) => ({ ...d, vaccine: names.get(d.cvx)?.display ?? null })),
      findings: mapped,
    };
    await this.audit.record({
      action: 'card.inspected', target: { type: 'card-inspection', id: null },
      details: { format: response.format, iss: response.iss, ourIssuer, kid, keyState, valid, signatureValid, findings: mapped.length },
    });
    return response;
  }

  /** Text to verify, from a pasted text, a card file, or the QR found in an image (decoded in the worker pool). */
  private async textOf(input: InspectionInput): Promise<{ text: string; format: Format | null }> {
    if (input.kind === 'text') return { text: input.text, format: null };
    const kind = imageKind(input.bytes);
    if (kind !== 'unknown') {
      const decoded = await this.pool.decodeQrImage(input.bytes);
      if (!decoded.ok) return this.notACard('image', decoded.reason);
      return { text: decoded.text, format: 'image' };
    }
    if (input.declaredImage) return this.notACard('image', 'The file is not a PNG or JPEG image.');
    const text = utf8Decode(input.bytes);
    if (text === null || BINARY.test(text)) {
      return this.notACard(null, 'The file is neither a PNG/JPEG image nor a card in text form (shc:/ text, JWS or .smart-health-card file).');
    }
    return { text, format: null };
  }

  private async notACard(format: string | null, detail: string): Promise<never> {
    await this.audit.record({
      action: 'card.inspected', outcome: 'failed', target: { type: 'card-inspection', id: null },
      details: { format, valid: false, readable: false },
    });
    throw problem(422, 'Not a readable card', detail);
  }

  private async checkAgainstRevokedKey(input: string | string[], kid: string, now: Date): Promise<boolean> {
    const rows: { public_jwk: unknown }[] = await this.dataSource.query(`SELECT public_jwk FROM issuer_key WHERE kid = $1`, [kid]);
    if (!rows[0]) return false;
    return verifyCards(input, { keySet: { keys: [rows[0].public_jwk] }, now })[0]?.signatureValid ?? false;
  }

  private mapFinding(f: Finding, ourIssuer: boolean): InspectionFinding {
    const message = f.path ? `${f.message} (at ${f.path})` : f.message;
    // Development runs the issuer on http://localhost (the configuration refuses that in production).
    if (ourIssuer && this.config.env !== 'production' && f.code === 'ISSUER' && /must use https$/.test(f.message)) {
      return { code: f.code, severity: 'warning', message: `${message}: a development issuer; verifier apps will reject this card` };
    }
    return { code: f.code, severity: f.severity, message };
  }
}

/** What verifyCards gets: one text, or the chunks of a legacy multi-QR card pasted one per line. */
function cardInputOf(raw: string): string | string[] | null {
  const text = raw.trim();
  const lines = text.split(/\s+/);
  if (lines.length > 1 && lines.every((l) => l.startsWith(SHC_PREFIX))) return lines;
  if (text.startsWith(SHC_PREFIX) || text.startsWith('{') || JWS_LIKE.test(text)) return raw;
  return null;
}

/** nbf as an ISO time, when it is a plausible NumericDate in seconds (hostile values give null, never a throw). */
function issuedAtOf(nbf: number | undefined): string | null {
  if (nbf === undefined || !Number.isFinite(nbf) || nbf < 0 || nbf >= 1e11) return null;
  return new Date(nbf * 1000).toISOString();
}

function formatOf(r: CardVerification): Format {
  return r.format === 'qr' || r.format === 'qr-chunked' ? 'qr-numeric' : r.format;
}

function unknownKeyFinding(f: Finding): boolean {
  return (f.code === 'SIGNATURE' && /^unknown kid|is in the key set but unusable/.test(f.message)) || f.code === 'KEY';
}

/** Why nothing could be read, with a hint for the usual causes. */
function unreadable(r: CardVerification, text: string): string {
  const errors = r.findings.filter((f) => f.severity === 'error').map((f) => f.message);
  const chunked = r.findings.some((f) => f.code === 'QR_CHUNKED');
  const hint = chunked ? ' Paste all the chunks, one per line, to read the card.'
    : text.trim().startsWith(SHC_PREFIX) ? ' The shc:/ text looks truncated or damaged: copy or scan the whole QR code again.'
      : r.format === 'jws' ? ' The JWS looks truncated: it must have three parts separated by dots.' : '';
  return `This card cannot be read: ${errors.join('; ') || 'no card found'}.${hint}`;
}
