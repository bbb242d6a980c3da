import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '../common/index.js';
import type { Identity, WithIdentity } from './identity.js';

/** The authenticated caller, as AccessGuard attached it. Only valid on routes that are not public. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const identity = context.switchToHttp().getRequest<WithIdentity>().identity;
  if (!identity) throw new AppError('UNAUTHENTICATED', 'This route needs a logged-in caller.');
  return identity;
});
