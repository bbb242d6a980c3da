'use client';

import { ApproveCanaryDraft } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../admin/confirm-action';

/**
 * A second admin signs and publishes a canary draft, after a confirmation naming its period: it is public at once
 * and for good. The drafter is told instead that someone else must (four eyes; the API refuses them anyway).
 */
export function ApproveCanary({
  id,
  period,
  mine,
  csrfToken,
}: {
  id: string;
  period: string;
  mine: boolean;
  csrfToken: string;
}) {
  if (mine) {
    return (
      <p className="own-proposal" data-testid="own-canary">
        <strong>You drafted this canary.</strong> A second admin must approve it before it is signed and published: ask
        another admin to open this page.
      </p>
    );
  }
  return (
    <ConfirmAction
      label="Approve and publish…"
      name={`Approve and publish the canary for ${period}…`}
      warning={`Sign the warrant canary for ${period} with the log key and publish it? Everyone will see it on the public warrant canary page, and it cannot be withdrawn.`}
      confirmLabel={`Yes, publish the ${period} canary`}
      cancelLabel="Not yet"
      doneText={`Published the ${period} canary.`}
      next={`/staff/canary?${new URLSearchParams({ published: period })}`}
      run={() => callFromBrowser(ApproveCanaryDraft, { params: { id } }, { csrfToken })}
    />
  );
}
