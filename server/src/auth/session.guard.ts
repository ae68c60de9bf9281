import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { SessionStage } from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { IS_PUBLIC, SIGN_IN_STAGES, SKIP_CSRF } from '../common/auth-metadata';
import { problem } from '../common/problem.filter';
import { requestContext } from '../common/request-context';
import type { AuthedRequest } from './auth-request';
import { actorOf } from './auth.service';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, sameHash, tokenHash } from './session-tokens';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global, first: resolves the session cookie; only `@Public()` routes pass without one; a session that has not
 * finished signing in reaches only its `@SignInStep(...)` routes. Also checks CSRF on every state-changing request
 * (double-submit cookie, bound to the session's stored CSRF hash once signed in).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly sessions: SessionsService, private readonly audit: AuditService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true;
    const stages = this.reflector.getAllAndOverride<SessionStage[] | undefined>(SIGN_IN_STAGES, targets);
    const skipCsrf = this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, targets) === true;

    const token = cookie(req, SESSION_COOKIE);
    const resolved = token ? await this.sessions.resolve(token) : null;
    if (resolved) {
      req.auth = resolved;
      requestContext.setActor(actorOf(resolved.staff));
    }

    if (!SAFE_METHODS.has(req.method) && !skipCsrf) {
      const header = req.get(CSRF_HEADER);
      const fromCookie = cookie(req, CSRF_COOKIE);
      const bound = !resolved || (fromCookie !== undefined && sameHash(tokenHash(fromCookie), resolved.session.csrfHash));
      if (!header || !fromCookie || header !== fromCookie || !bound) {
        await this.deny(req, 'csrf');
        throw problem(403, 'CSRF check failed', 'The request is missing a valid CSRF token. Reload the page and try again.');
      }
    }

    if (isPublic) return true;
    if (!resolved) throw problem(401, 'Unauthorized', 'Sign in to continue.');
    const stage = resolved.session.stage;
    const allowed = stages ?? ['active'];
    if (!allowed.includes(stage)) {
      await this.deny(req, `stage:${stage}`);
      throw problem(403, 'Finish signing in', stage === 'active' ? 'You are already signed in.' : `Complete the sign-in step "${stage}" first.`);
    }
    return true;
  }

  private deny(req: AuthedRequest, why: string) {
    return this.audit.record({
      action: 'access.denied', outcome: 'denied', target: { type: 'route', id: `${req.method} ${routeOf(req)}` }, details: { why },
    });
  }
}

export function cookie(req: AuthedRequest, name: string): string | undefined {
  const v = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v.length > 0 && v.length < 200 ? v : undefined;
}

/** The route pattern (not the concrete path: no ids or PHI in the audit target). */
export function routeOf(req: AuthedRequest): string {
  const route = (req as { route?: { path?: string } }).route?.path;
  return route ?? req.baseUrl ?? '';
}
