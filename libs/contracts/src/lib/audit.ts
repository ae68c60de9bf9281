import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from './audit-actions';

export const AUDIT_SORT_FIELDS = ['seq', 'occurredAt', 'action', 'actor', 'outcome'] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

/** Filters shared by GET /api/v1/audit-events and its exports. */
export class AuditFilterDto {
  /** Actor user name (exact, case-insensitive). */
  @IsOptional() @IsString() @MaxLength(64)
  actor?: string;

  @IsOptional() @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @IsOptional() @IsString() @MaxLength(64)
  targetType?: string;

  @IsOptional() @IsString() @MaxLength(128)
  targetId?: string;

  @IsOptional() @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  /** Inclusive lower bound (ISO 8601). */
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  /** Exclusive upper bound (ISO 8601). */
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;
}

/** GET /api/v1/audit-events */
export class AuditQueryDto extends AuditFilterDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  page?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize?: number;

  @IsOptional() @IsIn(AUDIT_SORT_FIELDS)
  sort?: AuditSortField;

  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

/** GET /api/v1/audit-events/export?format=csv|ndjson&… */
export class AuditExportDto extends AuditFilterDto {
  @IsIn(['csv', 'ndjson'])
  format!: 'csv' | 'ndjson';
}

export interface AuditEventResponse {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface SignedHeadCheck {
  seq: string;
  signedAt: string;
  /** `ok`, or why this signed head does not match the table. */
  status: 'ok' | 'bad_signature' | 'missing_rows' | 'hash_mismatch';
}

/** POST /api/v1/audit-events/verify */
export interface AuditVerifyResponse {
  intact: boolean;
  checked: number;
  head: { seq: string; hash: string } | null;
  /** The first entry whose hash or link does not hold. */
  firstBroken: { seq: string; reason: string } | null;
  signedHeads: { checked: number; latest: SignedHeadCheck | null; failures: SignedHeadCheck[] };
}

/** POST /api/v1/audit-events/sign-head */
export interface SignedHeadResponse {
  seq: string;
  hash: string;
  signedAt: string;
}
