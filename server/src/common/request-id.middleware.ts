import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (a sane incoming X-Request-Id, or a new UUID) and its own context for the audit log. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestContext.run(
    { requestId, clientAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null, actor: null },
    () => next(),
  );
}
