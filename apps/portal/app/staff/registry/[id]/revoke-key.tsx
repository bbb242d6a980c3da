'use client';

import { RevokeAuthorityKey } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../../admin/confirm-action';

export function RevokeKey({ params, csrfToken }: { params: { id: string; keyId: string }; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Revoke…"
      warning="Revoke this key now? Signatures are no longer checked against it. Registering it again needs a second admin."
      confirmLabel="Yes, revoke this key"
      reasonLabel="Why (kept in the audit log)"
      doneText="Revoked."
      run={(reason) => callFromBrowser(RevokeAuthorityKey, { params, body: { reason } }, { csrfToken })}
    />
  );
}
