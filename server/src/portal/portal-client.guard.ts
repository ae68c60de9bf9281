import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { problem } from '../common/problem.filter';
import { requestContext } from '../common/request-context';
import { PortalClientsService, type PortalClient } from './portal-clients.service';
import { PortalRateLimiter } from './portal-rate-limiter';

export type PortalRequest = Request & { portalClient?: PortalClient };

/**
 * Guards the portal's machine routes (which are `@Public()` to the session guards): a valid, unrevoked client
 * credential, then the client's rate limit. A staff session on the same request counts for nothing — the actor is
 * cleared, so the request can do exactly what the credential allows and is audited as `portal:<name>`.
 */
@Injectable()
export class PortalClientGuard implements CanActivate {
  constructor(private readonly clients: PortalClientsService, private readonly limiter: PortalRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PortalRequest>();
    requestContext.setActor(null);
    const client = await this.clients.authenticate(req.get('authorization'), req.ip ?? 'unknown');
    const limited = this.limiter.take(client.id);
    if (limited) {
      if (limited.audit) await this.clients.denyRateLimited(client);
      throw problem(429, 'Too Many Requests', `Portal client "${client.name}" is over its rate limit. Retry in ${limited.retryAfter} s.`, { retryAfter: limited.retryAfter });
    }
    req.portalClient = client;
    return true;
  }
}
