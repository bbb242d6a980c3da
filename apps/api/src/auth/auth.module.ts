import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AUTH_THROTTLER_STORAGE } from './auth-throttler.guard.js';
import { AuthController } from './auth.controller.js';
import { LoginService } from './login.service.js';
import { SecondFactorService } from './second-factor.service.js';

/** Login (password, then TOTP), sessions and API tokens. AccessGuard and IdentityService are app-wide (app.module). */
@Module({
  controllers: [AuthController, ApiTokensController],
  providers: [
    LoginService,
    SecondFactorService,
    ApiTokensService,
    { provide: AUTH_THROTTLER_STORAGE, useClass: ThrottlerStorageService },
  ],
})
export class AuthModule {}
