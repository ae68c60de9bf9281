import { SetMetadata } from '@nestjs/common';
import type { Permission, SessionStage } from '@tessera/contracts';

export const IS_PUBLIC = 'tessera:public';
export const REQUIRED_PERMISSIONS = 'tessera:permissions';
export const SIGN_IN_STAGES = 'tessera:sign-in-stages';
export const SKIP_CSRF = 'tessera:skip-csrf';

/** Reachable without a session. Every other route needs a session and a declaration below. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Reachable with an active session holding all of these permissions. */
export const RequirePermission = (...permissions: [Permission, ...Permission[]]) =>
  SetMetadata(REQUIRED_PERMISSIONS, permissions);

/**
 * A step of signing in: reachable with a session in one of these stages, whatever the roles
 * (MFA prompt, forced password change, MFA enrolment, sign-out, "who am I").
 */
export const SignInStep = (...stages: [SessionStage, ...SessionStage[]]) => SetMetadata(SIGN_IN_STAGES, stages);

/** Machine-to-machine routes that carry no cookies need no CSRF token. */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF, true);
