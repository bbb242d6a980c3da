import { Injectable, Logger } from '@nestjs/common';
import type { AuditDetails, SessionResponse, TotpEnrolment } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { AppError } from '../common/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Identity } from './identity.js';
import { accountLocked, clearFailures, isLocked, recordLock, registerFailure } from './lockout.js';
import { actorOf, staffSummary } from './staff-summary.js';
import { hashSecret, newSecret, SESSION_TTL_MS } from './tokens.js';
import { TotpSecretBox, TotpSecretUnreadable } from './totp-secret-box.js';
import {
  hashRecoveryCode,
  looksLikeTotpCode,
  matchRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  verifyTotp,
} from './totp.js';

export interface FullSession extends SessionResponse {
  /** The new raw cookie value: the session id changes when it gains the second factor (no session fixation). */
  token: string;
  expiresAt: Date;
}

type Staff = NonNullable<Awaited<ReturnType<Tx['staff']['findUnique']>>>;
type Attempt<T> = { ok: true; value: T } | { ok: false; error: AppError };

const LOGIN_SUCCEEDED = 'auth.login_succeeded' as const;

function wrongCode(during: 'LOGIN' | 'ENROLMENT'): AppError {
  return new AppError(
    'SECOND_FACTOR_INVALID',
    during === 'LOGIN'
      ? 'That code is not valid. Use the current code from your authenticator app, or a recovery code.'
      : // Recovery codes are only issued once the enrolment is confirmed: there is none to fall back on yet.
        'That code is not valid. Enter the 6-digit code your authenticator app shows for Writ now (a new one ' +
          "every 30 seconds); if it keeps failing, check that the device's clock is right.",
  );
}

/**
 * The second step of the login: a TOTP code or a one-time recovery code, and enrolment of an authenticator for
 * accounts that have none. Each attempt runs in one transaction holding the staff row's lock, so parallel attempts
 * cannot reuse a code or slip past the failure count. Failures commit their count and audit event, then answer.
 */
@Injectable()
export class SecondFactorService {
  private readonly logger = new Logger('SecondFactor');

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly secrets: TotpSecretBox,
  ) {}

  async verify(identity: Identity, code: string): Promise<FullSession> {
    const attempt = await this.prisma.$transaction(async (tx): Promise<Attempt<FullSession>> => {
      const now = new Date();
      const staff = await this.lockStaff(tx, identity.staffId, now);
      if (!staff.totpEnrolledAt || !staff.totpSecret) {
        return {
          ok: false,
          error: new AppError(
            'CONFLICT',
            'This account has no authenticator yet: enrol one with POST /auth/totp/enrol.',
          ),
        };
      }
      let method:
        { method: 'TOTP'; totpTimeStep: number } | { method: 'RECOVERY_CODE'; recoveryCodesLeft: number } | null = null;
      if (looksLikeTotpCode(code)) {
        const secret = this.openSecret(staff.id, staff.totpSecret, 'LOGIN');
        const step = await verifyTotp(secret, code, await this.lastAcceptedStep(tx, staff.id), now);
        if (step !== null) method = { method: 'TOTP', totpTimeStep: step };
      } else {
        const used = await matchRecoveryCode(code, staff.recoveryCodeHashes);
        if (used) {
          const left = staff.recoveryCodeHashes.filter((stored) => stored !== used);
          await tx.staff.update({ where: { id: staff.id }, data: { recoveryCodeHashes: left } });
          method = { method: 'RECOVERY_CODE', recoveryCodesLeft: left.length };
        }
      }
      if (!method) return { ok: false, error: await this.failed(tx, identity, staff, now, 'LOGIN') };
      return { ok: true, value: await this.complete(tx, identity, staff, now, method) };
    });
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  async startEnrolment(identity: Identity): Promise<TotpEnrolment> {
    const attempt = await this.prisma.$transaction(async (tx): Promise<Attempt<TotpEnrolment>> => {
      const staff = await this.lockStaff(tx, identity.staffId, new Date());
      if (staff.totpEnrolledAt) return { ok: false, error: alreadyEnrolled() };
      // A pending secret (totpEnrolledAt still null) is replaced: only the latest one can be confirmed.
      const secret = newTotpSecret();
      await tx.staff.update({
        where: { id: staff.id },
        data: { totpSecret: this.secrets.seal(staff.id, secret), recoveryCodeHashes: [] },
      });
      await this.audit.record(tx, {
        actor: identity,
        action: 'auth.totp_enrolment_started',
        subjectType: 'staff',
        subjectId: staff.id,
      });
      return { ok: true, value: { secret, otpauthUri: otpauthUri(secret, staff.email) } };
    });
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  async confirmEnrolment(identity: Identity, code: string): Promise<FullSession & { recoveryCodes: string[] }> {
    const attempt = await this.prisma.$transaction(
      async (tx): Promise<Attempt<FullSession & { recoveryCodes: string[] }>> => {
        const now = new Date();
        const staff = await this.lockStaff(tx, identity.staffId, now);
        if (staff.totpEnrolledAt) return { ok: false, error: alreadyEnrolled() };
        if (!staff.totpSecret) {
          return {
            ok: false,
            error: new AppError(
              'CONFLICT',
              'Start the enrolment first: POST /auth/totp/enrol gives the secret to confirm.',
            ),
          };
        }
        const step = looksLikeTotpCode(code)
          ? await verifyTotp(
              this.openSecret(staff.id, staff.totpSecret, 'ENROLMENT'),
              code,
              await this.lastAcceptedStep(tx, staff.id),
              now,
            )
          : null;
        if (step === null) return { ok: false, error: await this.failed(tx, identity, staff, now, 'ENROLMENT') };

        const recoveryCodes = newRecoveryCodes();
        const recoveryCodeHashes = await Promise.all(recoveryCodes.map(hashRecoveryCode));
        await tx.staff.update({ where: { id: staff.id }, data: { totpEnrolledAt: now, recoveryCodeHashes } });
        await this.audit.record(tx, {
          actor: identity,
          action: 'auth.totp_enrolled',
          subjectType: 'staff',
          subjectId: staff.id,
          details: { recoveryCodesIssued: recoveryCodes.length },
        });
        const session = await this.complete(tx, identity, staff, now, { method: 'TOTP_ENROLMENT', totpTimeStep: step });
        return { ok: true, value: { ...session, recoveryCodes } };
      },
    );
    if (!attempt.ok) throw attempt.error;
    return attempt.value;
  }

  /**
   * The plain secret, or SECOND_FACTOR_UNAVAILABLE when no configured key opens it: the person cannot fix that, and
   * it is no wrong code (no failure counted). The log names the account and the key id for the operator.
   */
  private openSecret(staffId: string, stored: string, during: 'LOGIN' | 'ENROLMENT'): string {
    try {
      return this.secrets.open(staffId, stored).secret;
    } catch (error) {
      if (!(error instanceof TotpSecretUnreadable)) throw error;
      this.logUnreadable(error);
      throw new AppError(
        'SECOND_FACTOR_UNAVAILABLE',
        during === 'LOGIN'
          ? 'The server cannot read the authenticator secret of this account. Log in with a recovery code, or ask an ' +
              'admin to reset your second factor.'
          : 'The server cannot read the pending authenticator secret of this account. Start the enrolment again ' +
              '(POST /auth/totp/enrol).',
      );
    }
  }

  /**
   * The stored secret sealed under the current key, or null when it already is. A secret no key opens is left as it
   * is (a recovery code got the person in): the log says so, and an admin reset or the key fixes it.
   */
  private resealed(staffId: string, stored: string): string | null {
    try {
      return this.secrets.resealed(staffId, stored);
    } catch (error) {
      if (!(error instanceof TotpSecretUnreadable)) throw error;
      this.logUnreadable(error);
      return null;
    }
  }

  private logUnreadable(error: TotpSecretUnreadable): void {
    this.logger.error(
      { staffId: error.staffId, keyId: error.keyId, reason: error.reason },
      `TOTP secret cannot be opened: ${error.message}`,
    );
  }

  /** Serialises all second-factor attempts on one account; refuses locked and vanished accounts. */
  private async lockStaff(tx: Tx, staffId: string, now: Date): Promise<Staff> {
    await tx.$queryRaw`SELECT id FROM staff WHERE id = ${staffId}::uuid FOR UPDATE`;
    const staff = await tx.staff.findUnique({ where: { id: staffId } });
    if (!staff || staff.disabledAt) throw new AppError('UNAUTHENTICATED', 'This session has ended. Log in again.');
    if (isLocked(staff.lockedUntil, now)) throw accountLocked(staff.lockedUntil);
    return staff;
  }

  /**
   * The newest TOTP time step this account has used. Kept in the audit events of successful logins (the row is
   * locked, so this read is exact), which spares the schema a column; codes live 90 s, so a short look back is enough.
   */
  private async lastAcceptedStep(tx: Tx, staffId: string): Promise<number | null> {
    const rows = await tx.$queryRaw<{ step: bigint | null }[]>`
      SELECT max((details->>'totpTimeStep')::bigint) AS step
        FROM audit_event
       WHERE subject_type = 'staff' AND subject_id = ${staffId}
         AND action = ${LOGIN_SUCCEEDED}
         AND at > now() - interval '10 minutes'`;
    const step = rows[0]?.step;
    return step === null || step === undefined ? null : Number(step);
  }

  private async failed(
    tx: Tx,
    identity: Identity,
    staff: Staff,
    now: Date,
    during: 'LOGIN' | 'ENROLMENT',
  ): Promise<AppError> {
    const until = await registerFailure(tx, staff.id, now);
    await this.audit.record(tx, {
      actor: identity,
      action: 'auth.login_failed',
      subjectType: 'staff',
      subjectId: staff.id,
      details: { reason: 'WRONG_SECOND_FACTOR' },
    });
    if (!until) return wrongCode(during);
    // The half-open session dies with the lock.
    return recordLock(tx, this.audit, {
      staffId: staff.id,
      until,
      after: 'WRONG_SECOND_FACTOR',
      sessionHash: identity.sessionHash,
      now,
    });
  }

  /**
   * Upgrades the half-open session to a full one under a new id and CSRF token, and clears the failure count.
   * A TOTP secret still stored in the clear (from before encryption at rest), in the v1 format or under a previous
   * key is sealed under the current key now that the account is in use (`npm run totp:reseal` does the rest).
   */
  private async complete(
    tx: Tx,
    identity: Identity,
    staff: Staff,
    now: Date,
    details: AuditDetails<typeof LOGIN_SUCCEEDED>,
  ): Promise<FullSession> {
    if (!identity.sessionHash)
      throw new AppError('UNAUTHENTICATED', 'This login step needs the session from POST /auth/login.');
    const token = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const upgraded = await tx.session.updateMany({
      where: { tokenHash: identity.sessionHash, revokedAt: null },
      data: { tokenHash: hashSecret(token), csrfToken, mfaPassed: true, expiresAt, lastSeenAt: now },
    });
    if (upgraded.count !== 1) throw new AppError('UNAUTHENTICATED', 'This session has ended. Log in again.');
    await clearFailures(tx, staff.id);
    const sealed = staff.totpSecret ? this.resealed(staff.id, staff.totpSecret) : null;
    if (sealed) {
      // Raw SQL: like the failure count, this is not a change an admin made (updated_at and version stay).
      await tx.$executeRaw`UPDATE staff SET totp_secret = ${sealed} WHERE id = ${staff.id}::uuid`;
    }
    await this.audit.record(tx, {
      actor: actorOf(staff),
      action: LOGIN_SUCCEEDED,
      subjectType: 'staff',
      subjectId: staff.id,
      details,
    });
    return {
      token,
      csrfToken,
      expiresAt,
      staff: staffSummary(staff),
      passwordChangeRequired: staff.mustChangePassword,
    };
  }
}

function alreadyEnrolled(): AppError {
  return new AppError('CONFLICT', 'An authenticator is already enrolled for this account. An admin can reset it.');
}
