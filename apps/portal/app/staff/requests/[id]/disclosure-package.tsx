'use client';

import {
  ApproveDisclosureRoute,
  CreateDownloadLinkRoute,
  type DisclosureList,
  type DisclosureView,
  PrepareDisclosureRoute,
  RejectDisclosureRoute,
  type StaffRole,
} from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { StaffResult } from '@/lib/staff-api';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser, type Outcome } from '@/lib/browser-api';
import { when } from '../request-text';
import { counted } from '@/lib/group-digits';

const STATUS_WORDS: Record<DisclosureView['status'], string> = {
  PREPARED: 'Prepared — waiting for a second person to approve it',
  APPROVED: 'Approved — ready to hand over, once',
  REJECTED: 'Rejected',
  DELIVERED: 'Delivered',
  EXPIRED: 'Expired unused — its files are deleted',
};

/** Why an export came back refused (the export route handler returns here with the API's code). */
function exportRefusalText(code: string): string {
  switch (code) {
    case 'DOWNLOAD_GONE':
      return 'This package was already handed over (or its link ran out), so its files are deleted and it cannot be exported again.';
    case 'DISCLOSURE_NOT_APPROVED':
      return 'This package is not approved (any more), so it cannot be exported. Reload to see where it stands.';
    case 'SEPARATION_OF_DUTIES':
      return 'You prepared this package, so someone else must hand it over.';
    case 'UNAUTHENTICATED':
    case 'CSRF_TOKEN_INVALID':
      return 'Your session has ended. Log in again, then export the package.';
    case 'FORBIDDEN':
      return 'Your roles do not include handing packages over.';
    case 'SERVICE_UNAVAILABLE':
      return 'The Writ API cannot be reached right now. Nothing was exported; try again shortly.';
    default:
      return `The export was refused (${code}). Nothing was delivered; reload to see where the package stands.`;
  }
}

const has = (roles: readonly StaffRole[], allowed: readonly StaffRole[]) =>
  allowed.some((role) => roles.includes(role));
const who = (id: string | null, me: string) => (id === null ? '—' : id === me ? 'you' : 'a colleague');

/**
 * The package that leaves: prepare (a reviewer), approve or reject (an approver who did not prepare it), then hand
 * it over once, by a one-time link for the authority or an export for the registry's channel (again not by the
 * preparer). Each button is shown only to whom the API would let through; the API still decides.
 */
export function DisclosurePackage({
  requestId,
  status,
  packages,
  roles,
  me,
  csrfToken,
  exportRefused,
}: {
  requestId: string;
  status: string;
  packages: StaffResult<DisclosureList> | null;
  roles: readonly StaffRole[];
  me: string;
  csrfToken: string;
  /** The API's code when an export was just refused (?exportRefused=…). */
  exportRefused?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [reason, setReason] = useState('');
  const [exportConfirmed, setExportConfirmed] = useState(false);

  if (packages === null) return null;
  const items = packages.ok ? packages.data.items : [];
  const current = items.find((item) => item.status !== 'REJECTED' && item.status !== 'EXPIRED') ?? null;
  const canPrepare = status === 'DECIDED' && current === null && has(roles, PrepareDisclosureRoute.access.roles);
  if (!canPrepare && items.length === 0 && packages.ok) return null;

  async function act(call: () => Promise<Outcome<unknown>>): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(result));
      return false;
    }
    return true;
  }

  async function makeLink(id: string): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(CreateDownloadLinkRoute, { params: { id } }, { csrfToken });
    setBusy(false);
    if (!result.ok) return setError(refusalText(result));
    setLink({
      url: `${window.location.origin}/package/${encodeURIComponent(result.data.token)}`,
      expiresAt: result.data.expiresAt,
    });
    // The facts above (link made, valid until) and the button's wording come from the server; the link itself is
    // this component's state, which a refresh keeps.
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="package" data-testid="disclosure-package">
      <h2 id="package">Disclosure package</h2>
      {!packages.ok ? (
        <p role="alert" className="status-bad">
          The packages could not be shown: {packages.message}
        </p>
      ) : null}
      {canPrepare ? (
        <>
          <p>
            The decisions release data. Preparing the package takes the released phone numbers and the connections
            inside each decision&apos;s window, writes them encrypted, and signs a manifest. A second person approves
            it.
          </p>
          <button
            type="button"
            disabled={busy}
            aria-busy={busy}
            onClick={async () => {
              if (
                await act(() => callFromBrowser(PrepareDisclosureRoute, { params: { id: requestId } }, { csrfToken }))
              )
                router.refresh();
            }}
          >
            Prepare the package
          </button>
        </>
      ) : null}
      {items.map((item) => {
        const mine = item.preparedById === me;
        const canDecide = item.status === 'PREPARED' && !mine && has(roles, ApproveDisclosureRoute.access.roles);
        const canHandOver =
          item.status === 'APPROVED' && !item.filesDeleted && !mine && has(roles, CreateDownloadLinkRoute.access.roles);
        return (
          <article key={item.id} className="package" data-testid="package" aria-label={`Package ${item.id}`}>
            <p>
              <strong data-testid="package-status">{STATUS_WORDS[item.status]}</strong>
            </p>
            <dl className="facts">
              <dt>Holds</dt>
              <dd data-testid="package-items">
                {counted(item.manifest.items.IP_ADDRESS, 'IP connection')},{' '}
                {counted(item.manifest.items.PHONE_NUMBER, 'phone number')}, for{' '}
                {counted(item.manifest.targets.length, 'target')}
                {item.manifest.targets.some((target) => target.lookupResult !== 'FOUND')
                  ? ` (${item.manifest.targets.filter((target) => target.lookupResult !== 'FOUND').length} with no account)`
                  : ''}
              </dd>
              <dt>Manifest SHA-256</dt>
              <dd className="sha">{item.manifestSha256}</dd>
              <dt>Prepared</dt>
              <dd>
                {when(item.preparedAt)} by {who(item.preparedById, me)}
              </dd>
              {item.approvedAt ? (
                <>
                  <dt>Approved</dt>
                  <dd>
                    {when(item.approvedAt)} by {who(item.approvedById, me)}
                  </dd>
                </>
              ) : null}
              {item.rejectedAt ? (
                <>
                  <dt>Rejected</dt>
                  <dd>
                    {when(item.rejectedAt)} by {who(item.rejectedById, me)}: {item.rejectionReason}
                  </dd>
                </>
              ) : null}
              {item.linkCreatedAt ? (
                <>
                  <dt>Download link</dt>
                  <dd>
                    made {when(item.linkCreatedAt)}, valid until {when(item.downloadExpiresAt)}
                  </dd>
                </>
              ) : null}
              {item.deliveredAt ? (
                <>
                  <dt>Delivered</dt>
                  <dd data-testid="package-delivered">
                    {when(item.deliveredAt)} {item.deliveredVia === 'LINK' ? 'by the one-time link' : 'by staff export'}
                  </dd>
                </>
              ) : null}
            </dl>
            {item.status === 'PREPARED' && mine ? (
              <p className="muted" data-testid="own-package">
                You prepared this package, so someone else approves or rejects it.
              </p>
            ) : null}
            {canDecide ? (
              <div className="actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={async () => {
                    if (
                      await act(() =>
                        callFromBrowser(ApproveDisclosureRoute, { params: { id: item.id } }, { csrfToken }),
                      )
                    )
                      router.refresh();
                  }}
                >
                  Approve the package
                </button>
                <label>
                  Reason to reject{' '}
                  <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
                </label>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy || reason.trim() === ''}
                  onClick={async () => {
                    if (
                      await act(() =>
                        callFromBrowser(
                          RejectDisclosureRoute,
                          { params: { id: item.id }, body: { reason } },
                          { csrfToken },
                        ),
                      )
                    )
                      router.refresh();
                  }}
                >
                  Reject and send back to review
                </button>
              </div>
            ) : null}
            {item.status === 'APPROVED' && mine ? (
              <p className="muted">You prepared this package, so someone else hands it over.</p>
            ) : null}
            {canHandOver ? (
              <div className="actions">
                <button type="button" disabled={busy} onClick={() => void makeLink(item.id)}>
                  {item.linkCreatedAt ? 'Make a new link (the old one stops working)' : 'Make a one-time link'}
                </button>
                <label>
                  <input
                    type="checkbox"
                    checked={exportConfirmed}
                    onChange={(event) => setExportConfirmed(event.target.checked)}
                  />{' '}
                  I send this myself by the authority&apos;s registered channel; the download counts as delivery and
                  deletes the files.
                </label>
                {exportConfirmed ? (
                  <form method="post" action={`/staff/requests/${requestId}/export/${item.id}`}>
                    <input type="hidden" name="csrfToken" value={csrfToken} />
                    <button type="submit" data-testid="export-package">
                      Export the package (.zip)
                    </button>
                  </form>
                ) : null}
              </div>
            ) : null}
            {link && canHandOver ? (
              <p data-testid="package-link">
                Send this link to the authority. It is shown only now, works once, until{' '}
                <strong data-testid="package-link-expiry">{when(link.expiresAt)}</strong>, and can be checked without
                using it:{' '}
                <code className="mono" style={{ wordBreak: 'break-all' }}>
                  {link.url}
                </code>
              </p>
            ) : null}
          </article>
        );
      })}
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
      {exportRefused ? (
        <p role="alert" className="status-bad" data-testid="export-refused">
          {exportRefusalText(exportRefused)}
        </p>
      ) : null}
    </section>
  );
}
