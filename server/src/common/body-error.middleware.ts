import type { NextFunction, Request, Response } from 'express';
import type { ProblemDetails } from '@tessera/contracts';
import { requestContext } from './request-context';

/**
 * Body-parser failures answered as problems here, before Nest would wrap them: the parser's message quotes the
 * body (which may hold a password), so it is never passed on.
 */
export function bodyErrorMiddleware(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: unknown; status?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') {
    next(err);
    return;
  }
  const [status, title, detail] = e.type === 'entity.too.large'
    ? [413, 'Request body too large', 'The request body exceeds the size limit.']
    : e.type === 'entity.parse.failed'
      ? [400, 'Malformed JSON', 'The request body is not valid JSON.']
      : [e.status >= 400 && e.status < 500 ? e.status : 400, 'Unreadable request', 'The request body could not be read.'];
  const problem: ProblemDetails = {
    type: `https://tessera.invalid/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title, status, detail, instance: req.path,
  };
  const requestId = requestContext.get()?.requestId;
  if (requestId) problem.requestId = requestId;
  res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}
