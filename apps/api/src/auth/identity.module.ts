import { Global, Module } from '@nestjs/common';
import { IdentityCache } from './identity-cache.js';
import { IdentityService } from './identity.service.js';

/** Who is calling: app-wide, for the AccessGuard and for the services that change who a token speaks for. */
@Global()
@Module({
  providers: [IdentityCache, IdentityService],
  exports: [IdentityCache, IdentityService],
})
export class IdentityModule {}
