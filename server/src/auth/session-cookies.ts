import type { NextFunction, Request, Response } from 'express';
import { newToken } from './session-tokens';
import { CSRF_COOKIE, SESSION_COOKIE } from './session-tokens';
import type { IssuedSession } from './sessions.service';

/** httpOnly, SameSite=Strict session cookie (Secure over TLS); a readable CSRF cookie beside it. */
export function setSessionCookies(req: Request, res: Response, issued: IssuedSession): void {
  const secure = req.secure;
  const maxAge = issued.session.expiresAt.getTime() - Date.now();
  res.cookie(SESSION_COOKIE, issued.token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge });
  res.cookie(CSRF_COOKIE, issued.csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge });
}

export function clearSessionCookies(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

/** Before any session exists, a random CSRF cookie for the double-submit check (sign-in itself is protected). */
export function csrfCookieMiddleware(req: Request, res: Response, next: NextFunction): void {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  if (typeof cookies?.[CSRF_COOKIE] !== 'string') {
    const token = newToken();
    res.cookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'strict', secure: req.secure, path: '/' });
    if (cookies) cookies[CSRF_COOKIE] = token;
  }
  next();
}
