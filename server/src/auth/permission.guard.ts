import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { permissionsOf, type Permission } from '@tessera/contracts';
import { AuditService } from '../audit/audit.service';
import { IS_PUBLIC, REQUIRED_PERMISSIONS, SIGN_IN_STAGES } from '../common/auth-metadata';
import { problem } from '../common/problem.filter';
import type { AuthedRequest } from './auth-request';
import { routeOf } from './session.guard';

/**
 * Global, second: default deny. A route passes only if it is `@Public()`, a `@SignInStep(...)`, or declares
 * `@RequirePermission(...)` and the caller's roles grant every permission named. Denials are audited.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  private readonly logger = new Logger('PermissionGuard');

  constructor(private readonly reflector: Reflector, private readonly audit: AuditService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<unknown>(SIGN_IN_STAGES, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    if (!required || required.length === 0) {
      this.logger.error(`route ${req.method} ${routeOf(req)} declares no permission: refused`);
    }
    const granted = new Set(permissionsOf(req.auth?.staff.roles ?? []));
    const missing = (required ?? []).filter((p) => !granted.has(p));
    if (required && required.length > 0 && missing.length === 0) return true;
    await this.audit.record({
      action: 'access.denied', outcome: 'denied', target: { type: 'route', id: `${req.method} ${routeOf(req)}` },
      details: { why: required ? 'missing_permission' : 'undeclared_route', missing },
    });
    throw problem(403, 'Forbidden', 'Your roles do not allow this action.');
  }
}
