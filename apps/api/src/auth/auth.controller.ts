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
import { notFound } from '../common/app-error.js';
import { Route } from '../common/route.decorator.js';
import { PrismaService } from '../database/prisma.service.js';
import { AuthThrottlerGuard } from './auth-throttler.guard.js';
import { CurrentIdentity } from './current-identity.decorator.js';
import type { Identity } from './identity.js';
import { LoginService } from './login.service.js';
import { PasswordChangeService } from './password-change.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { clearSessionCookie, presentedSession, setSessionCookie } from './session-cookie.js';
import { staffSummary } from './staff-summary.js';

@Controller()
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly secondFactor: SecondFactorService,
    private readonly passwords: PasswordChangeService,
    private readonly prisma: PrismaService,
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
  async me(@CurrentIdentity() identity: Identity): Promise<MeResponse> {
    const staff = await this.prisma.staff.findUnique({ where: { id: identity.staffId } });
    if (!staff) throw notFound('This account');
    const session = identity.sessionHash
      ? await this.prisma.session.findUnique({ where: { tokenHash: identity.sessionHash } })
      : null;
    return {
      // For a token, the roles it carries: what this caller can actually do.
      staff: { ...staffSummary(staff), roles: [...identity.roles] },
      via: identity.via,
      csrfToken: session?.csrfToken ?? null,
      passwordChangeRequired: identity.via === 'session' && staff.mustChangePassword,
    };
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
