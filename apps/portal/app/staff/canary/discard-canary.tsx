'use client';

import { DiscardCanaryDraft } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../admin/confirm-action';

/**
 * Any admin, its drafter too, throws a canary draft away: a mistaken one would otherwise hold its period. Nothing is
 * signed or published; the reason stays in the audit log.
 */
export function DiscardCanary({ id, period, csrfToken }: { id: string; period: string; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Discard…"
      name={`Discard the canary draft for ${period}…`}
      warning={`Discard this canary draft for ${period}? Nothing is signed or published, and the period's canary can be drafted again.`}
      reasonLabel="Why (kept in the audit log)"
      confirmLabel="Yes, discard it"
      doneText={`Discarded the ${period} canary draft.`}
      run={(reason) => callFromBrowser(DiscardCanaryDraft, { params: { id }, body: { reason } }, { csrfToken })}
    />
  );
}
