import type { CookieOptions, Request, Response } from 'express';
import { SESSION_COOKIE } from './tokens.js';

// Path=/ rather than the API's own prefix: the browser reaches the API through the portal's /api/* rewrite, so
// a path scoped to /auth would never be sent back. SameSite=Strict keeps it off every cross-site request; Secure
// whenever the request came over https (behind a proxy: with TRUST_PROXY, from X-Forwarded-Proto).
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
}

export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, token, {
    ...options(request),
    maxAge: Math.max(0, expiresAt.getTime() - Date.now()),
  });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, options(request));
}

/** The session cookie the request carried, if any (e.g. to end it when the same browser logs in again). */
export function presentedSession(request: Request): string | undefined {
  return (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
}
