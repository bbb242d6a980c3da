import { Injectable } from '@nestjs/common';
import type { LoginRequest, LoginResponse, MeResponse } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { AppError } from '../common/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Identity } from './identity.js';
import { accountLocked, isLocked, registerFailure } from './lockout.js';
import { readMe } from './read-me.js';
import { verifyPassword } from './passwords.js';
import { actorOf } from './staff-summary.js';
import { hashSecret, newSecret, PRE_MFA_SESSION_TTL_MS } from './tokens.js';

export interface StartedSession extends LoginResponse {
  /** The raw cookie value; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

const PUBLIC = { public: true } as const;

function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 'Wrong email or password.');
}

/** The password step of the login, and logout. The second factor is in second-factor.service.ts. */
@Injectable()
export class LoginService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  me(identity: Identity): Promise<MeResponse> {
    return readMe(this.prisma, identity);
  }

  /**
   * Checks the password and opens a session that can do nothing but pass the second factor. Wrong email and wrong
   * password answer alike and take alike long (a dummy hash is verified for unknown emails): no account enumeration.
   */
  async login(body: LoginRequest, previousCookie: string | undefined): Promise<StartedSession> {
    const now = new Date();
    const staff = await this.prisma.staff.findUnique({ where: { email: body.email } });
    const personal = { email: body.email };

    const passwordOk = await verifyPassword(staff?.passwordHash ?? null, body.password);
    // Failed attempts look alike in the public log (no subject, no reason; the reason and the end of a hold the
    // failure started are committed with the email, in every such event), so the log cannot be used to tell real
    // accounts from guesses. For the same reason a hold started here has no event of its own with the account in it.
    const failed = (tx: Tx, reason: string, heldUntil: Date | null = null) =>
      this.audit.record(tx, {
        actor: PUBLIC,
        action: 'auth.login_failed',
        subjectType: 'staff',
        personal: { ...personal, reason, heldUntil: heldUntil?.toISOString() ?? 'none' },
      });

    if (staff && isLocked(staff.lockedUntil, now)) {
      await this.prisma.$transaction((tx) => failed(tx, 'LOCKED'));
      // Only someone who knows the password learns that the account is locked.
      throw passwordOk ? accountLocked(staff.lockedUntil) : invalidCredentials();
    }
    if (!staff) {
      await this.prisma.$transaction((tx) => failed(tx, 'UNKNOWN_ACCOUNT'));
      throw invalidCredentials();
    }
    if (!passwordOk) {
      await this.prisma.$transaction(async (tx) =>
        failed(tx, 'WRONG_PASSWORD', await registerFailure(tx, staff.id, now)),
      );
      // Even the failure that starts a hold answers like any wrong password (and like an unknown email): a 423 here
      // would tell a guesser which emails are accounts. The hold shows only to whoever gives the right password.
      throw invalidCredentials();
    }
    if (staff.disabledAt) {
      await this.prisma.$transaction((tx) => failed(tx, 'DISABLED'));
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled. Ask an admin to enable it.');
    }

    const token = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + PRE_MFA_SESSION_TTL_MS);
    const next = staff.totpEnrolledAt && staff.totpSecret ? 'TOTP' : 'ENROL_TOTP';
    await this.prisma.$transaction(async (tx) => {
      // A browser that logs in again gives up the session it had.
      if (previousCookie) {
        await tx.session.updateMany({
          where: { tokenHash: hashSecret(previousCookie), revokedAt: null },
          data: { revokedAt: now },
        });
      }
      await tx.session.create({
        data: {
          tokenHash: hashSecret(token),
          staffId: staff.id,
          mfaPassed: false,
          csrfToken,
          expiresAt,
          createdAt: now,
          lastSeenAt: now,
        },
      });
      await this.audit.record(tx, {
        actor: actorOf(staff),
        action: 'auth.password_accepted',
        subjectType: 'staff',
        subjectId: staff.id,
        details: { next },
      });
    });
    return { token, csrfToken, next, expiresAt };
  }

  async logout(identity: Identity): Promise<void> {
    const sessionHash = identity.sessionHash;
    if (!sessionHash) return;
    await this.prisma.$transaction(async (tx) => {
      const ended = await tx.session.updateMany({
        where: { tokenHash: sessionHash, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (ended.count > 0) {
        await this.audit.record(tx, {
          actor: identity,
          action: 'auth.logout',
          subjectType: 'staff',
          subjectId: identity.staffId,
        });
      }
    });
  }
}
