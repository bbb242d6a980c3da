import { Body, Controller, Req, Res, UseGuards } from '@nestjs/common';
import {
  ChangePassword,
  type ChangePasswordRequest,
  ConfirmTotpEnrolment,
  GetMe,
  Login,
  type LoginRequest,
  type LoginResponse,
  Logout,
  type MeResponse,
  type SecondFactorRequest,
  type SessionResponse,
  StartTotpEnrolment,
  type TotpEnrolment,
  type TotpEnrolmentConfirmation,
  VerifySecondFactor,
} from '@writ/contracts';
import type { Request, Response } from 'express';
import { Route } from '../common/index.js';
import { AuthThrottlerGuard } from './auth-throttler.guard.js';
import { CurrentIdentity } from './current-identity.decorator.js';
import type { Identity } from './identity.js';
import { LoginService } from './login.service.js';
import { PasswordChangeService } from './password-change.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { clearSessionCookie, presentedSession, setSessionCookie } from './session-cookie.js';

@Controller()
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly secondFactor: SecondFactorService,
    private readonly passwords: PasswordChangeService,
  ) {}

  @Route(Login)
  @UseGuards(AuthThrottlerGuard)
  async login(
    @Body({ schema: Login.body }) body: LoginRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const started = await this.logins.login(body, presentedSession(request));
    setSessionCookie(request, response, started.token, started.expiresAt);
    return { csrfToken: started.csrfToken, next: started.next };
  }

  @Route(VerifySecondFactor)
  @UseGuards(AuthThrottlerGuard)
  async verifySecondFactor(
    @Body({ schema: VerifySecondFactor.body }) body: SecondFactorRequest,
    @CurrentIdentity() identity: Identity,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const session = await this.secondFactor.verify(identity, body.code);
    setSessionCookie(request, response, session.token, session.expiresAt);
    return {
      csrfToken: session.csrfToken,
      staff: session.staff,
      passwordChangeRequired: session.passwordChangeRequired,
    };
  }

  @Route(StartTotpEnrolment)
  @UseGuards(AuthThrottlerGuard)
  startEnrolment(@CurrentIdentity() identity: Identity): Promise<TotpEnrolment> {
    return this.secondFactor.startEnrolment(identity);
  }

  @Route(ConfirmTotpEnrolment)
  @UseGuards(AuthThrottlerGuard)
  async confirmEnrolment(
    @Body({ schema: ConfirmTotpEnrolment.body }) body: SecondFactorRequest,
    @CurrentIdentity() identity: Identity,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TotpEnrolmentConfirmation> {
    const session = await this.secondFactor.confirmEnrolment(identity, body.code);
    setSessionCookie(request, response, session.token, session.expiresAt);
    return {
      csrfToken: session.csrfToken,
      staff: session.staff,
      passwordChangeRequired: session.passwordChangeRequired,
      recoveryCodes: session.recoveryCodes,
    };
  }

  @Route(GetMe)
  me(@CurrentIdentity() identity: Identity): Promise<MeResponse> {
    return this.logins.me(identity);
  }

  @Route(ChangePassword)
  @UseGuards(AuthThrottlerGuard)
  changePassword(
    @Body({ schema: ChangePassword.body }) body: ChangePasswordRequest,
    @CurrentIdentity() identity: Identity,
  ): Promise<void> {
    return this.passwords.change(identity, body);
  }

  @Route(Logout)
  async logout(
    @CurrentIdentity() identity: Identity,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.logins.logout(identity);
    clearSessionCookie(request, response);
  }
}
