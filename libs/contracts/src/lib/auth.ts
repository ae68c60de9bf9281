import { IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './limits';
import type { Permission, Role } from './roles';

/**
 * Where a session stands. Only `active` sessions reach anything beyond the sign-in flow:
 * `mfa` — password accepted, TOTP (or a recovery code) still needed;
 * `password_change` — the password is a one-time password and must be changed first;
 * `mfa_enrolment` — no authenticator enrolled yet.
 */
export const SESSION_STAGES = ['mfa', 'password_change', 'mfa_enrolment', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/** POST /api/v1/auth/sign-in */
export class SignInDto {
  @IsString() @IsNotEmpty() @MaxLength(64)
  username!: string;

  @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

/** POST /api/v1/auth/mfa — one of `code` (6-digit TOTP) or `recoveryCode`. */
export class MfaVerifyDto {
  @IsOptional() @IsString() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits shown by the authenticator app' })
  code?: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z2-7-]{16,24}$/, { message: 'recoveryCode is not in the expected form' })
  recoveryCode?: string;
}

/** POST /api/v1/auth/mfa-enrolment/confirm */
export class MfaEnrolmentConfirmDto {
  @IsString() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits shown by the authenticator app' })
  code!: string;
}

/** POST /api/v1/auth/password */
export class ChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @IsString() @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
  })
  newPassword!: string;
}

/** The signed-in staff member, as GET /api/v1/auth/me and every sign-in step answer. */
export interface MeResponse {
  id: string;
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  permissions: Permission[];
  stage: SessionStage;
  /** Absolute end of this session (ISO 8601). */
  expiresAt: string;
  /** Idle timeout in seconds; the session ends after this long without a request. */
  idleTimeoutSeconds: number;
}

/** POST /api/v1/auth/mfa-enrolment — the authenticator secret, shown once during enrolment. */
export interface MfaEnrolmentResponse {
  otpauthUri: string;
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: string;
  /** PNG of the otpauth URI as a QR code, as a data: URL. */
  qrDataUrl: string;
}

/** POST /api/v1/auth/mfa-enrolment/confirm — single-use recovery codes, shown once. */
export interface MfaEnrolledResponse {
  me: MeResponse;
  recoveryCodes: string[];
}

/** GET /api/v1/sessions — the caller's own sessions. */
export interface SessionResponse {
  id: string;
  current: boolean;
  stage: SessionStage;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
}
