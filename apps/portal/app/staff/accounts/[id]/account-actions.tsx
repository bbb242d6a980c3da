'use client';

import {
  DisableStaff,
  EnableStaff,
  ResetStaffPassword,
  ResetStaffSecondFactor,
  type StaffAccount,
  type StaffChange,
  StaffRole,
  UpdateStaff,
} from '@writ/contracts';
import Link from '@/components/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import type { Outcome as ApiOutcome } from '@/lib/browser-api';
import { KIND_LABEL } from '../../changes/change-text';
import { callFromBrowser } from '@/lib/browser-api';
import { ROLE_HELP } from '../../admin/words';
import { refusalText } from '@/lib/api-failure';

type Notice = { tone: 'ok' | 'bad'; text: ReactNode };
/** An action that takes access away at once, waiting for the admin to confirm it. */
type Confirming = { kind: 'disable' } | { kind: 'roles'; roles: StaffRole[]; removed: StaffRole[] } | null;

function proposedNotice(change: StaffChange): Notice {
  return {
    tone: 'ok',
    text: (
      <>
        Proposed: {KIND_LABEL[change.kind]}. It takes effect when another admin approves it on{' '}
        <Link href="/staff/changes">Account changes</Link>.
      </>
    ),
  };
}

/**
 * What an admin can do to one account. Taking access away (fewer roles, disabling) acts at once, so it asks first;
 * granting or restoring access is proposed for a second admin. The API judges every case (not your own ADMIN role,
 * not your own password, ADMIN never with APPROVER) and its refusal is shown in its words.
 */
export function AccountActions({
  account,
  self,
  csrfToken,
}: {
  account: StaffAccount;
  self: boolean;
  csrfToken: string;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const locked = account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now();

  async function act<T>(request: () => Promise<ApiOutcome<T>>, done: (data: T) => Notice): Promise<void> {
    setBusy(true);
    const result = await request();
    setBusy(false);
    setConfirming(null);
    setNotice(result.ok ? done(result.data) : { tone: 'bad', text: refusalText(result) });
    if (result.ok) router.refresh();
    requestAnimationFrame(() => noticeRef.current?.focus());
  }

  const changeRoles = (roles: StaffRole[]) =>
    act(
      () =>
        callFromBrowser(
          UpdateStaff,
          { params: { id: account.id }, body: { version: account.version, roles } },
          { csrfToken },
        ),
      (data) =>
        'kind' in data
          ? proposedNotice(data)
          : { tone: 'ok', text: `Done at once: the account now holds ${data.roles.join(', ')}.` },
    );

  function submitRoles(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const roles = new FormData(event.currentTarget).getAll('roles').map((role) => StaffRole.parse(role));
    if (roles.length === 0) {
      setNotice({ tone: 'bad', text: 'An account needs at least one role: to stop it logging in, disable it.' });
      return;
    }
    const removed = account.roles.filter((role) => !roles.includes(role));
    if (removed.length > 0) return setConfirming({ kind: 'roles', roles, removed });
    if (roles.length === account.roles.length) {
      setNotice({ tone: 'bad', text: 'Nothing to change: tick or untick a role first.' });
      return;
    }
    void changeRoles(roles);
  }

  return (
    <>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice ? (
          <p
            role={notice.tone === 'bad' ? 'alert' : 'status'}
            className={`status-${notice.tone}`}
            data-testid="account-notice"
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      <div className="admin-sections">
        <form onSubmit={submitRoles} className="card" aria-labelledby="roles-heading" key={account.version}>
          <h3 id="roles-heading">Roles</h3>
          <fieldset>
            <legend>Roles this account holds</legend>
            {StaffRole.options.map((role) => (
              <label key={role} className="choice">
                <input type="checkbox" name="roles" value={role} defaultChecked={account.roles.includes(role)} /> {role}{' '}
                <span className="muted">— {ROLE_HELP[role]}</span>
              </label>
            ))}
          </fieldset>
          <p className="field-help">Removing a role acts at once; adding one is proposed to a second admin.</p>
          {confirming?.kind === 'roles' ? (
            <div className="confirm" role="alertdialog" aria-labelledby="confirm-roles">
              <p id="confirm-roles">
                Remove {confirming.removed.join(', ')} from {account.displayName} now? Their API tokens carrying{' '}
                {confirming.removed.length === 1 ? 'it' : 'them'} stop working at once.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  autoFocus
                  onClick={() => changeRoles(confirming.roles)}
                >
                  Yes, remove {confirming.removed.join(', ')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                  Keep the roles
                </button>
              </div>
            </div>
          ) : (
            <button type="submit" disabled={busy}>
              Save roles
            </button>
          )}
        </form>
        <section className="card" aria-labelledby="access-heading">
          <h3 id="access-heading">Access</h3>
          {account.disabledAt || locked ? (
            <p>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  act(
                    () => callFromBrowser(EnableStaff, { params: { id: account.id } }, { csrfToken }),
                    (data) =>
                      'kind' in data
                        ? proposedNotice(data)
                        : { tone: 'ok', text: 'Nothing to enable: the account can log in.' },
                  )
                }
              >
                Propose enabling the account
              </button>
            </p>
          ) : confirming?.kind === 'disable' ? (
            <div className="confirm" role="alertdialog" aria-labelledby="confirm-disable">
              <p id="confirm-disable">
                Disable {account.displayName} now? They cannot log in, their sessions end and their API tokens are
                revoked for good. Enabling it again needs a second admin.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  autoFocus
                  onClick={() =>
                    act(
                      () => callFromBrowser(DisableStaff, { params: { id: account.id } }, { csrfToken }),
                      () => ({ tone: 'ok', text: `Disabled at once: ${account.displayName} can no longer log in.` }),
                    )
                  }
                >
                  Yes, disable the account
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                  Keep it enabled
                </button>
              </div>
            </div>
          ) : (
            <p>
              <button
                type="button"
                className="secondary"
                disabled={busy || self}
                onClick={() => setConfirming({ kind: 'disable' })}
              >
                Disable account…
              </button>
              {self ? <span className="field-help"> You cannot disable your own account.</span> : null}
            </p>
          )}
          <p className="field-help">Resets are proposed; they take effect when a second admin approves them.</p>
          <div className="actions">
            {self ? null : (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() =>
                  act(
                    () => callFromBrowser(ResetStaffPassword, { params: { id: account.id }, body: {} }, { csrfToken }),
                    proposedNotice,
                  )
                }
              >
                Propose a password reset
              </button>
            )}
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                act(
                  () => callFromBrowser(ResetStaffSecondFactor, { params: { id: account.id } }, { csrfToken }),
                  proposedNotice,
                )
              }
            >
              Propose a second-factor reset
            </button>
          </div>
          {self ? <p className="field-help">Your own password you change yourself, on Your account.</p> : null}
        </section>
      </div>
    </>
  );
}
