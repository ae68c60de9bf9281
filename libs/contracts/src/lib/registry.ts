import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { VIEW_PURPOSES, type ViewPurpose } from './limits';

/**
 * GET /api/v1/persons/search — one free-text box (`q`) and/or explicit fields. The server reads dates, phones,
 * emails and registry ids out of `q`; the rest is a name.
 */
export class PersonSearchDto {
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @IsOptional() @IsString() @MaxLength(120)
  name?: string;

  /** YYYY-MM-DD or MM/DD/YYYY. */
  @IsOptional() @IsString() @MaxLength(20)
  birthDate?: string;

  /** Any format. */
  @IsOptional() @IsString() @MaxLength(40)
  phone?: string;

  @IsOptional() @IsString() @MaxLength(254)
  email?: string;

  @IsOptional() @IsString() @MaxLength(40)
  registryId?: string;

  /** Opaque keyset cursor from the previous page. */
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number;
}

export const MATCH_FIELDS = ['family_name', 'given_name', 'alias', 'birth_date', 'phone', 'email', 'registry_id'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface MatchReason {
  field: MatchField;
  kind: 'exact' | 'similar' | 'day_month_swapped' | 'given_family_swapped' | 'alias';
  /** Trigram similarity 0..1 for `similar` matches. */
  similarity?: number;
}

/** One row of a result list: only what is needed to pick the person. */
export interface PersonSearchHit {
  id: string;
  name: string;
  birthDate: string;
  town: string | null;
  phoneLast4: string | null;
  score: number;
  reasons: MatchReason[];
  /** The reasons in words: "family name ~0.82, birth date exact, phone exact". */
  explanation: string;
}

export interface PersonSearchResponse {
  items: PersonSearchHit[];
  nextCursor: string | null;
  /** What the search understood: shown back to the user. */
  understood: { name: string | null; birthDate: string | null; phone: string | null; email: string | null; registryId: string | null };
}

/** GET /api/v1/persons/:id — opening a record requires a purpose (audited with the view). */
export class PersonViewDto {
  @IsIn(VIEW_PURPOSES)
  purpose!: ViewPurpose;

  /** Required when the purpose is `support_case` or `correction`. */
  @ValidateIf((o: PersonViewDto) => o.purpose === 'support_case' || o.purpose === 'correction' || o.caseNumber !== undefined)
  @IsString() @Matches(/^[A-Za-z0-9-]{3,40}$/, { message: 'caseNumber must be 3-40 letters, digits or dashes' })
  caseNumber?: string;
}

export interface PersonAliasResponse {
  given: string;
  family: string;
  kind: 'maiden' | 'previous' | 'alias';
}

export interface ImmunizationResponse {
  id: string;
  registryId: string;
  cvx: string;
  vaccine: string;
  vaccineGroup: string;
  mvx: string | null;
  lotNumber: string | null;
  occurrenceDate: string;
  doseNumber: number | null;
  performer: string | null;
  status: 'completed' | 'entered-in-error';
  source: string;
}

export interface RecordHistoryResponse {
  id: string;
  recordType: 'person' | 'immunization';
  recordId: string;
  version: number;
  changedAt: string;
  changedBy: string | null;
  changeSource: 'import' | 'correction' | 'review';
  reason: string | null;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown>;
}

export interface PersonResponse {
  id: string;
  registryId: string;
  givenNames: string;
  familyName: string;
  suffix: string | null;
  aliases: PersonAliasResponse[];
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  phones: string[];
  emails: string[];
  address: { line: string | null; city: string | null; state: string | null; zip: string | null; county: string | null };
  deceased: boolean;
  qualityFlags: string[];
  /** Differences an import brought for fields staff had corrected: field → { tessera, registry }. */
  registryConflict: Record<string, { tessera: unknown; registry: unknown }> | null;
  version: number;
  updatedAt: string;
  immunizations: ImmunizationResponse[];
  history: RecordHistoryResponse[];
}

export interface RegistryImportResponse {
  id: string;
  filename: string;
  format: string | null;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  bytesTotal: number | null;
  bytesRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  conflicts: number;
  error: string | null;
  rejections: { position: string; reason: string }[];
}
