import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { requestContext } from './request-context';

/**
 * The one structured logger (pino). Every line written during a request carries that request's id (`reqId`, from
 * the request context), so no per-request child logger is built. No PHI, passwords or tokens: callers log ids and
 * counts, and the redaction below removes the usual suspects if one slips into an object.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, stream?: NodeJS.WritableStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    mixin() {
      const ctx = requestContext.get();
      return ctx ? { reqId: ctx.requestId } : {};
    },
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token', '*.cookie'], remove: true },
  };
  return stream ? pino(options, stream as pino.DestinationStream) : pino(options);
}

/** Requests not worth a line each (load balancer probes). */
const QUIET_PATHS = new Set(['/healthz', '/readyz']);

/**
 * The access log: one line per request when it finishes, with method, path without its query string (searches put
 * criteria there), status and duration; 5xx at error level, a request whose client went away first at warn.
 */
export function logRequest(log: Logger, id: string, method: string, url: string, statusCode: number, startedAt: number, aborted = false): void {
  const path = url.split('?')[0] ?? '';
  if (QUIET_PATHS.has(path)) return;
  const level = statusCode >= 500 ? 'error' : aborted ? 'warn' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const fields = { req: { id, method, path }, res: { statusCode }, responseTime: Date.now() - startedAt };
  // a response closed before it was finished: the client went away (or the connection broke)
  if (aborted) log[level]({ ...fields, aborted: true }, 'request aborted');
  else log[level](fields, statusCode >= 500 ? 'request errored' : 'request completed');
}
