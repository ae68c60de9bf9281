import { Controller, Get, Options, Req, Res, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Public } from '../common/auth-metadata';
import { KeysService } from './keys.service';

/** Request headers a cross-origin verifier may ask to send (conditional requests). */
const ALLOWED_REQUEST_HEADERS = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;

/**
 * `{iss}/.well-known/jwks.json`: the public key set every verifier app trusts (SMART Health Cards §3). No sign-in,
 * CORS open to any origin (web verifiers fetch it from their own origin), cacheable, revalidated by ETag.
 * The route lives under the issuer URL's path, known only from the configuration: see `publicKeySetController`.
 */
@Public()
@ApiTags('public trust')
export class PublicKeySetRoutes {
  constructor(private readonly keys: KeysService) {}

  @Get('jwks.json')
  async keySet(@Req() req: Request, @Res() res: Response): Promise<void> {
    const body = JSON.stringify(await this.keys.publishedKeySet());
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    publicHeaders(res);
    // Five minutes: verifiers may cache the set, so a revoked (compromised) key is trusted by a cache at most this
    // long after it leaves the set, while the ETag keeps re-fetches cheap. New keys are published days ahead of use
    // (the pre-publication lead time), far longer than this, so caching never hides a key that signs.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('ETag', etag);
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').send(body);
  }

  /** CORS preflight, for a verifier that sends non-simple headers. */
  @Options('jwks.json')
  preflight(@Req() req: Request, @Res() res: Response): void {
    publicHeaders(res);
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    const asked = req.get('access-control-request-headers');
    if (asked && asked.length <= 500 && ALLOWED_REQUEST_HEADERS.test(asked.trim())) res.setHeader('Access-Control-Allow-Headers', asked.trim());
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  }
}

function publicHeaders(res: Response): void {
  // Nothing here depends on who asks: no session or CSRF cookie on a response that shared caches keep.
  res.removeHeader('Set-Cookie');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  // helmet defaults to same-origin; the key set is meant to be read from any origin.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * The key set controller for an issuer path ('' or '/…'). `@Controller` takes its path at class definition, and the
 * path comes from the configuration, so each application gets its own subclass, decorated when the module is built.
 */
export function publicKeySetController(issuerPath: string): Type<PublicKeySetRoutes> {
  class PublicKeySetController extends PublicKeySetRoutes {}
  Controller(`${issuerPath}/.well-known`)(PublicKeySetController);
  return PublicKeySetController;
}
