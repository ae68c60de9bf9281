import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** How a card reached the resident. */
export const CARD_CHANNELS = ['helpdesk', 'portal', 'print', 'bulk'] as const;
export type CardChannel = (typeof CARD_CHANNELS)[number];

/** POST /api/v1/cards — a help-desk agent or records officer issues a card for a person. */
export class IssueCardDto {
  @IsUUID()
  personId!: string;

  /** The doses to put on the card (completed, one vaccine group); default: the person's completed COVID-19 doses. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @IsUUID('all', { each: true })
  immunizationIds?: string[];

  @IsIn(['helpdesk', 'print'])
  channel!: 'helpdesk' | 'print';

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9-]{3,40}$/, { message: 'caseNumber must be 3-40 letters, digits or dashes' })
  caseNumber?: string;
}

export interface CardDoseResponse {
  immunizationId: string;
  cvx: string;
  vaccine: string;
  occurrenceDate: string;
}

/** A card as recorded (no JWS: that is only in downloads). */
export interface CardResponse {
  id: string;
  personId: string;
  kid: string;
  rid: string;
  /** nbf as an ISO date-time. */
  issuedAt: string;
  channel: CardChannel;
  issuedBy: string | null;
  doses: CardDoseResponse[];
  qrVersion: number;
  jwsLength: number;
}

/** The answer to an issuance: the card and its `shc:/` QR text, for the console to show the QR. */
export interface IssuedCardResponse extends CardResponse {
  qrText: string;
}

/** POST /api/v1/card-inspections (JSON) — paste a `shc:/` text, a JWS or a `.smart-health-card` file's text. */
export class InspectCardTextDto {
  @IsString() @MinLength(1) @MaxLength(5_000_000)
  text!: string;
}

export interface InspectionFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export type InspectedKeyState = 'created' | 'active' | 'retired' | 'revoked' | 'unknown';

export interface CardInspectionResponse {
  /** What was given: `qr-numeric`, `jws`, `file`, `image`. */
  format: string;
  valid: boolean;
  signatureValid: boolean | null;
  iss: string | null;
  /** Whether `iss` is this issuer. */
  ourIssuer: boolean;
  kid: string | null;
  keyState: InspectedKeyState;
  issuedAt: string | null;
  rid: string | null;
  revoked: boolean | null;
  patient: { name: string; birthDate: string | null } | null;
  doses: { cvx: string; vaccine: string | null; occurrenceDate: string | null; performer: string | null; lotNumber: string | null }[];
  findings: InspectionFinding[];
}

/** Key administrators manage the resident portal's machine credentials. */
export class CreatePortalClientDto {
  @IsString() @Matches(/^[a-z][a-z0-9-]{2,40}$/, { message: 'name must be 3-41 lower-case letters, digits or dashes' })
  name!: string;

  @IsString() @MinLength(5) @MaxLength(500)
  reason!: string;
}

export interface PortalClientResponse {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Shown once at creation: `<clientId>.<secret>` for `Authorization: Bearer`. */
export interface CreatedPortalClientResponse extends PortalClientResponse {
  credential: string;
}

/** POST /api/v1/portal/cards — the resident portal asks for a matched person's card. */
export class PortalCardRequestDto {
  @IsString() @MinLength(1) @MaxLength(40)
  registryPersonId!: string;
}

/** The portal's answer: the `.smart-health-card` body plus the QR text. */
export interface PortalCardResponse {
  verifiableCredential: string[];
  qrText: string;
  cardId: string;
}
