import {
  ArgumentsHost, BadRequestException, Catch, HttpException, HttpStatus, Logger, NotFoundException, type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ProblemDetails } from '@tessera/contracts';
import { requestContext } from './request-context';

/** Turns every error into RFC 9457 problem+json: no stack, SQL or internal detail ever leaves. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    let problem = this.toProblem(exception);
    // An unmatched API route answers 401 to a caller without a session: no route discovery before sign-in.
    if (problem.status === 404 && exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message)
      && req.path.startsWith('/api/') && !(req.cookies as Record<string, unknown> | undefined)?.['tessera_session']) {
      problem = base(401, 'Unauthorized', 'Sign in to continue.');
    }
    problem.instance = req.path;
    const requestId = requestContext.get()?.requestId;
    if (requestId) problem.requestId = requestId;
    if (problem.status >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      // Log the error class and message only (messages of our own errors carry no PHI or secrets).
      this.logger.error({ err: { type: err.name, message: err.message, stack: err.stack } }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (problem.retryAfter !== undefined) res.setHeader('Retry-After', String(problem.retryAfter));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return { ...exception.problem };
    // body-parser errors (too large, malformed JSON) carry a status and a type; never echo the body
    const bp = exception as { status?: number; type?: string } | null;
    if (bp && typeof bp.status === 'number' && typeof bp.type === 'string') {
      if (bp.type === 'entity.too.large') return base(413, 'Request body too large', 'The request body exceeds the size limit.');
      if (bp.type === 'entity.parse.failed') return base(400, 'Malformed JSON', 'The request body is not valid JSON.');
      if (bp.status >= 400 && bp.status < 500) return base(bp.status, titleFor(bp.status), 'The request could not be read.');
    }
    if (exception instanceof SyntaxError) return base(400, 'Malformed JSON', 'The request body is not valid JSON.');
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse() as { message?: unknown };
      const messages = Array.isArray(body.message) ? (body.message as string[]) : [];
      const problem = base(400, 'Invalid request', typeof body.message === 'string' ? body.message : 'The request is not valid.');
      if (messages.length > 0) {
        problem.detail = messages.join('; ');
        problem.errors = groupMessages(messages);
      }
      return problem;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message : exception.message;
      return base(status, titleFor(status), detail);
    }
    return base(500, 'Internal Server Error', 'Something went wrong on our side. The request id identifies it in the log.');
  }
}

/** An error that already knows its problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title, problem.status);
  }
}

export function problem(status: number, title: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemException {
  return new ProblemException({ ...base(status, title, detail), ...extra });
}

function base(status: number, title: string, detail?: string): ProblemDetails {
  const p: ProblemDetails = { type: `https://tessera.invalid/problems/${slug(title)}`, title, status };
  if (detail !== undefined) p.detail = detail;
  return p;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function titleFor(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name.toLowerCase().split('_').map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
}

/** class-validator messages start with the property name ("email must be an email"). */
function groupMessages(messages: string[]): { field: string; messages: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const m of messages) {
    const field = /^property (\S+) should not exist/.exec(m)?.[1] ?? /^([\w.[\]]+)\s/.exec(m)?.[1] ?? '';
    const list = byField.get(field) ?? [];
    list.push(m);
    byField.set(field, list);
  }
  return [...byField].map(([field, msgs]) => ({ field, messages: msgs }));
}
