'use client';

import type { StaffChangeApproval } from '@writ/contracts';
import { counted } from '@/lib/group-digits';
import { KIND_LABEL } from './change-text';

/** What the last decision on this page came to, shown above the list (the change itself leaves the list). */
export type Notice =
  { kind: 'approved'; approval: StaffChangeApproval } | { kind: 'message'; tone: 'ok' | 'bad'; text: string };

export function NoticePanel({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  if (notice.kind === 'message') {
    return notice.tone === 'ok' ? (
      <p role="status" className="status-ok" data-testid="change-notice">
        {notice.text}
      </p>
    ) : (
      <p role="alert" className="status-bad" data-testid="change-notice">
        {notice.text}
      </p>
    );
  }
  const { change, staff, temporaryPassword, sessionsEnded, tokensRevoked } = notice.approval;
  const who = `${staff.displayName} (${staff.email})`;
  const ended =
    sessionsEnded + tokensRevoked > 0
      ? ` ${counted(sessionsEnded, 'session')} ended, ${counted(tokensRevoked, 'API token')} revoked.`
      : '';
  if (temporaryPassword === null) {
    return (
      <p role="status" className="status-ok" data-testid="change-notice">
        Approved and applied: {KIND_LABEL[change.kind]} for {who}.{ended}
      </p>
    );
  }
  // The API generated this password for this answer alone and keeps only its hash: once this panel is gone
  // (dismissed, or the page left or reloaded), nobody can read it again, and a new reset is the only way back.
  return (
    <section className="check warn" aria-labelledby="temporary-password-heading" data-testid="temporary-password-panel">
      <h2 id="temporary-password-heading" className="check-title">
        Temporary password for {who}
      </h2>
      <p role="status">
        Approved and applied: {KIND_LABEL[change.kind]}.{ended}
      </p>
      <p>
        <code className="temporary-password" data-testid="temporary-password">
          {temporaryPassword}
        </code>
      </p>
      <p>
        <strong>Shown this once.</strong> Writ does not store it and cannot show it again. Pass it to{' '}
        {staff.displayName} yourself over a secure channel (in person or by phone, not in an email with their address).
        They must replace it with their own at their next login
        {change.kind === 'CREATE_ACCOUNT' ? ', and set up an authenticator' : ''}.
      </p>
      <button type="button" onClick={onDismiss}>
        I have passed it on — hide it
      </button>
    </section>
  );
}
