'use client';

import { RecordUserNotifiedRoute } from '@writ/contracts';
import { ConfirmAction } from '../admin/confirm-action';
import { callFromBrowser } from '@/lib/browser-api';
import { useToldNotice } from './told-notice';

/**
 * Records "the user was told" for one request, once asked again: the step is final (the request leaves the list
 * for good), and a tap on the wrong row must not record it. The API checks the gag order again, as it may have
 * changed.
 */
export function MarkNotified({
  requestId,
  reference,
  csrfToken,
}: {
  requestId: string;
  reference: string;
  csrfToken: string;
}) {
  const announce = useToldNotice();
  return (
    <ConfirmAction
      label="User told"
      name={`User told: ${reference}`}
      warning={`Record that the user of ${reference} has been told? This cannot be undone.`}
      confirmLabel="Yes, record it"
      cancelLabel="Cancel"
      doneText="Recorded"
      danger={false}
      onDone={() => announce(reference)}
      run={() => callFromBrowser(RecordUserNotifiedRoute, { params: { id: requestId }, body: {} }, { csrfToken })}
    />
  );
}
