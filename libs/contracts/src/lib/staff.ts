import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString,
  Matches, Max, MaxLength, Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { USERNAME_PATTERN } from './limits';
import { ROLES, type Role } from './roles';

export const STAFF_STATUSES = ['active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];


/** POST /api/v1/staff */
export class CreateStaffDto {
  @IsString() @Matches(USERNAME_PATTERN, {
    message: 'username must be 3-32 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter',
  })
  username!: string;

  @IsString() @IsNotEmpty() @Matches(/\S/, { message: 'displayName must not be blank' }) @MaxLength(120)
  displayName!: string;

  @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254)
  email!: string;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles!: Role[];
}

/** PUT /api/v1/staff/:id/roles */
export class UpdateStaffRolesDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles!: Role[];

  @IsString() @IsNotEmpty() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(500)
  reason!: string;
}

/** POST /api/v1/staff/:id/disable | /enable | /reset-mfa | /reset-password */
export class StaffReasonDto {
  @IsString() @IsNotEmpty() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(500)
  reason!: string;
}

export const STAFF_SORT_FIELDS = ['username', 'displayName', 'createdAt', 'status', 'lastSignInAt'] as const;

/** GET /api/v1/staff query */
export class StaffQueryDto {
  @IsOptional() @IsString() @MaxLength(120)
  q?: string;

  @IsOptional() @IsIn(STAFF_STATUSES)
  status?: StaffStatus;

  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  page?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number;

  @IsOptional() @IsIn(STAFF_SORT_FIELDS)
  sort?: (typeof STAFF_SORT_FIELDS)[number];

  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

export interface StaffResponse {
  id: string;
  username: string;
  displayName: string;
  email: string;
  roles: Role[];
  status: StaffStatus;
  mfaEnrolled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

/** POST /api/v1/staff and POST /api/v1/staff/:id/reset-password: the one-time password is shown once. */
export interface StaffWithPasswordResponse {
  staff: StaffResponse;
  oneTimePassword: string;
}

/** GET /api/v1/roles */
export interface RoleResponse {
  role: Role;
  label: string;
  permissions: string[];
}
