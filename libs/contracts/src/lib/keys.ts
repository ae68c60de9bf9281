import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/**
 * Issuer signing keys. Lifecycle: created (published, not signing) → active (exactly one) → retired (published,
 * verification only) → revoked for compromise (removed from the key set at once; two key administrators).
 */
export const ISSUER_KEY_STATES = ['created', 'active', 'retired', 'revoked'] as const;
export type IssuerKeyState = (typeof ISSUER_KEY_STATES)[number];

/** Every key operation carries a reason (audited). */
export class KeyReasonDto {
  @IsString() @MinLength(5) @MaxLength(500)
  reason!: string;
}

export class ActivateIssuerKeyDto extends KeyReasonDto {
  /** Needed to activate a key published for less than the pre-publication lead time (verifier caches may not have it yet). */
  @IsOptional() @IsBoolean()
  acknowledgeShortPublication?: boolean;
}

export class RevocationDecisionDto extends KeyReasonDto {
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';
}

/** The public JWK as published (never a private member). */
export interface PublicJwkResponse {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
  crlVersion?: number;
}

export interface KeyRevocationRequestResponse {
  id: string;
  keyId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  decision: 'approve' | 'reject' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface IssuerKeyResponse {
  id: string;
  kid: string;
  state: IssuerKeyState;
  /** Which key store holds the private key (`software`: envelope-encrypted in the database; an HSM/KMS later). */
  store: string;
  publicJwk: PublicJwkResponse;
  createdAt: string;
  createdBy: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  /** When the private key was destroyed (retired/revoked keys, after the configured period); null while it exists. */
  privateDestroyedAt: string | null;
  /** When the private key is due for destruction, for retired and revoked keys. */
  privateDestroyDueAt: string | null;
  /** Active key: when its cryptoperiod ends. */
  rotationDueAt: string | null;
  /** Published in the key set now (created, active, retired). */
  published: boolean;
  pendingRevocation: KeyRevocationRequestResponse | null;
}

export interface KeyPolicyResponse {
  cryptoperiodMonths: number;
  prePublicationDays: number;
  destroyPrivateAfterDays: number;
}

export interface IssuerKeysResponse {
  iss: string;
  jwksUrl: string;
  policy: KeyPolicyResponse;
  keys: IssuerKeyResponse[];
  /** Rotation warnings for the console ("the active key is due on …", "no key is active"). */
  warnings: string[];
}
