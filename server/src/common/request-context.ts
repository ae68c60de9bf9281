import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '@tessera/contracts';

/** Who is acting, from where: set per request, read by the audit log. */
export interface Actor {
  staffId: string;
  username: string;
  roles: Role[];
}

export interface RequestContext {
  requestId: string;
  clientAddress: string | null;
  userAgent: string | null;
  actor: Actor | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  setActor(actor: Actor | null): void {
    const ctx = storage.getStore();
    if (ctx) ctx.actor = actor;
  },
};

/** Context for work that does not come from an HTTP request (command line, timers, boot). */
export function systemContext(requestId: string): RequestContext {
  return { requestId, clientAddress: null, userAgent: null, actor: null };
}
