import type { CookieOptions, Request, Response } from 'express';
import { SESSION_COOKIE } from './tokens.js';

// Path=/ rather than the API's own prefix: the browser reaches the API through the portal's /api/* route, so
// a path scoped to /auth would never be sent back. SameSite=Strict keeps it off every cross-site request. Secure
// from configuration (COOKIE_SECURE, on in production), not from the request: the portal talks to the API over
// plain HTTP on the same host, so the API cannot see whether the browser used https.
let secureCookies = process.env.NODE_ENV === 'production';

export function configureSessionCookie(secure: boolean): void {
  secureCookies = secure;
}

function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: secureCookies || request.secure, path: '/' };
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
