import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AUTH_THROTTLER_STORAGE } from './auth-throttler.guard.js';
import { AuthController } from './auth.controller.js';
import { ENV, type Env } from '../config/index.js';
import { LoginService } from './login.service.js';
import { PasswordChangeService } from './password-change.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { TotpSecretBox, totpSecretBox } from './totp-secret-box.js';

/**
 * Login (password, then TOTP), sessions, one's own password and API tokens. AccessGuard and IdentityService are
 * app-wide (app.module).
 */
@Module({
  controllers: [AuthController, ApiTokensController],
  providers: [
    LoginService,
    SecondFactorService,
    PasswordChangeService,
    ApiTokensService,
    // Loaded once at boot: a missing or unreadable key (current or previous) stops the API before it serves a login.
    { provide: TotpSecretBox, inject: [ENV], useFactory: (env: Env) => totpSecretBox(env) },
    { provide: AUTH_THROTTLER_STORAGE, useClass: ThrottlerStorageService },
  ],
})
export class AuthModule {}
