'use client';

import { ApproveReportDraft, DiscardReportDraft } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../../../admin/confirm-action';

interface Props {
  id: string;
  period: string;
  version: number;
  /** The person reading drafted it: they may discard it, never approve it (four eyes; the API refuses anyway). */
  mine: boolean;
  csrfToken: string;
}

/**
 * Publishing is public and cannot be undone, so it asks first, naming the period and the version; so does
 * discarding, which keeps the reason in the audit log. Either way the draft is gone: the list says what became of it.
 */
export function DraftActions({ id, period, version, mine, csrfToken }: Props) {
  const done = (what: 'published' | 'discarded') =>
    `/staff/reports?${new URLSearchParams({ [what]: period, version: String(version) })}`;
  return (
    <div className="draft-decision">
      {mine ? null : (
        <ConfirmAction
          label="Approve and publish…"
          warning={`Publish the ${period} transparency report, version ${version}, as shown below? Everyone will be able to read it, its fingerprint goes into the public log, and it can never be changed or taken back: a mistake can only be corrected by a new version.`}
          confirmLabel={`Yes, publish ${period} version ${version}`}
          cancelLabel="Not yet"
          doneText={`Published ${period}, version ${version}.`}
          next={done('published')}
          run={() => callFromBrowser(ApproveReportDraft, { params: { id } }, { csrfToken })}
        />
      )}
      <ConfirmAction
        label="Discard…"
        warning={`Discard this draft of ${period}, version ${version}? Nothing is published, and the period can be counted again.`}
        reasonLabel="Why (kept in the audit log)"
        confirmLabel="Yes, discard it"
        doneText={`Discarded the draft of ${period}, version ${version}.`}
        next={done('discarded')}
        run={(reason) => callFromBrowser(DiscardReportDraft, { params: { id }, body: { reason } }, { csrfToken })}
      />
    </div>
  );
}
