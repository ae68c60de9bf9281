import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { logRequest } from './logger';
import { requestContext } from './request-context';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Routing ignores case, so this does too. */
const API_PATH = /^\/api(\/|$)/i;

/**
 * First on every request: gives it an id (a sane incoming X-Request-Id, or a new UUID) and its own context for
 * the audit log and the log lines; marks API responses `Cache-Control: no-store` (they carry PHI; a route may set
 * its own); writes the access log line when the response is finished.
 */
export function frontDoor(log: Logger) {
  return function frontDoorMiddleware(req: Request, res: Response, next: NextFunction): void {
    const startedAt = Date.now();
    const incoming = req.get('x-request-id');
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (API_PATH.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    const method = req.method;
    const url = req.originalUrl;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      logRequest(log, requestId, method, url, res.statusCode, startedAt, !res.writableFinished);
    };
    res.once('finish', done);
    res.once('close', done);
    requestContext.run(
      { requestId, clientAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null, actor: null },
      () => next(),
    );
  };
}
