import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RouteContract } from '@writ/contracts';
import type { Request } from 'express';
import { AppError, ROUTE_CONTRACT } from '../common/index.js';
import { IdentityService } from './identity.service.js';
import type { WithIdentity } from './identity.js';
import { CSRF_HEADER, sameSecret } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place that decides who may call what. Every handler must carry a contract (see Route); a handler
 * without one is refused, so a forgotten check fails closed rather than open. Likewise a session that has not
 * passed the second factor is refused everywhere except on the routes whose contract says `session: 'pre-mfa'`,
 * and one whose password an admin chose everywhere except on the login steps and `duringPasswordChange` routes.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identities: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    if (!contract) throw new AppError('FORBIDDEN', 'This route has no access rule and is refused.');
    if ('public' in contract.access) return true;

    const request = context.switchToHttp().getRequest<Request & WithIdentity>();
    const found = await this.identities.identify(request);
    if (!found) throw new AppError('UNAUTHENTICATED', 'Log in, or send an API token as "Authorization: Bearer …".');
    const { identity, csrfToken, secondFactorPending, passwordChangePending } = found;
    const { session } = contract.access;

    // The login steps belong to the session that POST /auth/login started, and 'interactive' routes to a person
    // who logged in; a token is neither.
    if (session && identity.via !== 'session') {
      throw new AppError(
        'INTERACTIVE_SESSION_REQUIRED',
        session === 'pre-mfa'
          ? 'This login step takes the session cookie from POST /auth/login, not an API token.'
          : 'Only a logged-in person can do this, not an API token: log in (password and second factor) and ' +
              'call it from that session.',
      );
    }
    if (session !== 'pre-mfa') {
      if (secondFactorPending) {
        throw new AppError(
          'SECOND_FACTOR_REQUIRED',
          'Finish logging in: send a TOTP or recovery code to POST /auth/totp.',
        );
      }
      if (passwordChangePending && !contract.access.duringPasswordChange) {
        throw new AppError(
          'PASSWORD_CHANGE_REQUIRED',
          'Your password was set by an admin. Choose your own (give the current one and the new one) before ' +
            'doing anything else.',
        );
      }
    }

    // Cookies ride along on cross-site requests; the CSRF header does not. Bearer tokens are not ambient.
    if (
      identity.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      !sameSecret(request.get(CSRF_HEADER), csrfToken)
    ) {
      throw new AppError('CSRF_TOKEN_INVALID', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
    }
    const allowed = contract.access.roles;
    if (!identity.roles.some((role) => allowed.includes(role))) {
      throw new AppError('FORBIDDEN', `This needs one of the roles ${allowed.join(', ')}.`);
    }
    request.identity = identity;
    return true;
  }
}
