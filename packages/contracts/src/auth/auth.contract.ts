import { z } from 'zod';
import { StaffRole } from '../domain.js';
import { defineRoute } from '../route.js';

// Interactive login: password → second factor (TOTP, or a one-time recovery code) → a full session.
// The session lives in the httpOnly cookie `writ_session`; state-changing calls also send `x-csrf-token`.

/** Every role: routes any logged-in member of staff may call. */
const ANY_ROLE = StaffRole.options;

/** Emails are compared lower-cased and trimmed, so "Ada@X.example " and "ada@x.example" are one account. */
export const StaffEmail = z
  .string({ error: 'give an email address' })
  .trim()
  .toLowerCase()
  .max(320, 'must be at most 320 characters')
  .pipe(z.email({ error: 'must be an email address, e.g. "name@example.org"' }));
export type StaffEmail = z.infer<typeof StaffEmail>;

/**
 * A password a person or an admin sets: at least 12 characters (NIST SP 800-63B §5.1.1.2 asks for 8 at least; we
 * ask for more, and no composition rules). The rules that need the account (not its email, not the current one)
 * are checked by the API.
 */
export const StaffPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(1024, 'must be at most 1024 characters')
  .refine((value) => value.trim().length >= 12, 'must be at least 12 characters, not counting spaces at either end');

/** What a person needs to know about the account they are logged in as. */
export const StaffSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(StaffRole),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const LoginRequest = z.strictObject({
  // Not validated as an email: a malformed address must answer like any unknown one.
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  /** Send this as `x-csrf-token` on the next step. */
  csrfToken: z.string(),
  /** `TOTP`: send a code to POST /auth/totp. `ENROL_TOTP`: no authenticator yet, enrol one first. */
  next: z.enum(['TOTP', 'ENROL_TOTP']),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const SecondFactorRequest = z.strictObject({
  /** A 6-digit TOTP code, or one of the recovery codes shown at enrolment (each works once). */
  code: z.string().trim().min(6).max(64),
});
export type SecondFactorRequest = z.infer<typeof SecondFactorRequest>;

/**
 * true: an admin chose this account's password. Until the person sets their own (POST /auth/password), the session
 * can do nothing else but ask who it is and log out (other routes: PASSWORD_CHANGE_REQUIRED).
 */
const PasswordChangeRequired = z.boolean();

export const SessionResponse = z.object({
  /** The session's CSRF token: send it as `x-csrf-token` on every state-changing request. */
  csrfToken: z.string(),
  staff: StaffSummary,
  passwordChangeRequired: PasswordChangeRequired,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const TotpEnrolment = z.object({
  /** Base32 secret, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth:// URI (issuer "Writ"), for a QR code. */
  otpauthUri: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const TotpEnrolmentConfirmation = SessionResponse.extend({
  /** Shown once; only their hashes are kept. Each one replaces one TOTP code, once. */
  recoveryCodes: z.array(z.string()),
});
export type TotpEnrolmentConfirmation = z.infer<typeof TotpEnrolmentConfirmation>;

export const MeResponse = z.object({
  staff: StaffSummary,
  via: z.enum(['session', 'token']),
  /** For session callers: the CSRF token to send on state-changing requests (e.g. after a page reload). */
  csrfToken: z.string().nullable(),
  /** Session callers only (an API token is never held to it). */
  passwordChangeRequired: PasswordChangeRequired,
});
export type MeResponse = z.infer<typeof MeResponse>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  /** Not the current password, not the account's email address. */
  newPassword: StaffPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const Login = defineRoute({
  operationId: 'login',
  method: 'post',
  path: '/auth/login',
  summary: 'Check email and password; starts a session that still needs the second factor',
  tag: 'auth',
  access: { public: true },
  body: LoginRequest,
  response: LoginResponse,
  errors: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
});

export const VerifySecondFactor = defineRoute({
  operationId: 'verifySecondFactor',
  method: 'post',
  path: '/auth/totp',
  summary: 'Pass the second factor (TOTP code or recovery code); completes the login',
  tag: 'auth',
  access: { roles: ANY_ROLE, session: 'pre-mfa' },
  body: SecondFactorRequest,
  response: SessionResponse,
  errors: [
    'SECOND_FACTOR_INVALID',
    'SECOND_FACTOR_UNAVAILABLE',
    'ACCOUNT_LOCKED',
    'CONFLICT',
    'RATE_LIMITED',
    'CSRF_TOKEN_INVALID',
  ],
});

export const StartTotpEnrolment = defineRoute({
  operationId: 'startTotpEnrolment',
  method: 'post',
  path: '/auth/totp/enrol',
  summary: 'Create a TOTP secret for an account that has none yet (first login, or after a reset)',
  tag: 'auth',
  access: { roles: ANY_ROLE, session: 'pre-mfa' },
  response: TotpEnrolment,
  errors: ['CONFLICT', 'ACCOUNT_LOCKED', 'RATE_LIMITED', 'CSRF_TOKEN_INVALID'],
});

export const ConfirmTotpEnrolment = defineRoute({
  operationId: 'confirmTotpEnrolment',
  method: 'post',
  path: '/auth/totp/enrol/confirm',
  summary: 'Confirm the new authenticator with a code; returns the recovery codes once and completes the login',
  tag: 'auth',
  access: { roles: ANY_ROLE, session: 'pre-mfa' },
  body: SecondFactorRequest,
  response: TotpEnrolmentConfirmation,
  errors: [
    'SECOND_FACTOR_INVALID',
    'SECOND_FACTOR_UNAVAILABLE',
    'ACCOUNT_LOCKED',
    'CONFLICT',
    'RATE_LIMITED',
    'CSRF_TOKEN_INVALID',
  ],
});

export const GetMe = defineRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/auth/me',
  summary: 'Who is calling',
  tag: 'auth',
  access: { roles: ANY_ROLE, duringPasswordChange: true },
  response: MeResponse,
});

export const ChangePassword = defineRoute({
  operationId: 'changePassword',
  method: 'post',
  path: '/auth/password',
  summary: 'Change your own password (the current one is required); ends your other sessions',
  tag: 'auth',
  access: { roles: ANY_ROLE, session: 'interactive', duringPasswordChange: true },
  body: ChangePasswordRequest,
  status: 204,
  errors: [
    'CURRENT_PASSWORD_INVALID',
    'ACCOUNT_LOCKED',
    'RATE_LIMITED',
    'INTERACTIVE_SESSION_REQUIRED',
    'CSRF_TOKEN_INVALID',
  ],
});

export const Logout = defineRoute({
  operationId: 'logout',
  method: 'post',
  path: '/auth/logout',
  summary: 'End the current session (also one that has not passed the second factor yet)',
  tag: 'auth',
  access: { roles: ANY_ROLE, session: 'pre-mfa' },
  status: 204,
  errors: ['CSRF_TOKEN_INVALID'],
});
