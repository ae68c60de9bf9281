import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/**
 * Serves the built console with a strict Content-Security-Policy: scripts only from 'self', styles from 'self'
 * plus a per-request nonce (Angular puts it on the styles it adds at run time via `ngCspNonce`).
 */
export function serveConsole(app: Express, clientDir: string): boolean {
  const indexFile = join(clientDir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const template = readFileSync(indexFile, 'utf8');
  const files = express.static(clientDir, { index: false, maxAge: '1h', immutable: false });
  const notConsole = (req: Request) =>
    req.path.startsWith('/api/') || req.path === '/healthz' || req.path === '/readyz' || req.path.includes('/.well-known/');
  // API calls never touch the file system (no stat per request).
  app.use((req: Request, res: Response, next: NextFunction) => (notConsole(req) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || notConsole(req)) {
      next();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', consoleCsp(nonce));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(template.replaceAll('__CSP_NONCE__', nonce));
  });
  return true;
}

export function consoleCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
