import { AppError } from '../common/index.js';

const CLOCK_SKEW_MS = 5 * 60_000;

/** A recorded moment (acknowledged, user notified) can be neither in the future nor before the request arrived. */
export function assertInstant(
  field: string,
  at: Date,
  rule: { notBefore: Date; notBeforeName: string; now: Date },
): void {
  let message: string | undefined;
  if (at.getTime() > rule.now.getTime() + CLOCK_SKEW_MS) message = 'must not be in the future';
  else if (at < rule.notBefore) message = `must not be before ${rule.notBeforeName} (${rule.notBefore.toISOString()})`;
  if (message) {
    throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, { issues: [{ path: [field], message }] });
  }
}
