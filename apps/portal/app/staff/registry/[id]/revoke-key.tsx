'use client';

import { AuthorityKey } from '@writ/contracts';
import { ConfirmAction } from '../../admin/confirm-action';
import { send } from '../../admin/send';

export function RevokeKey({ path, csrfToken }: { path: string; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Revoke…"
      warning="Revoke this key now? Signatures are no longer checked against it. Registering it again needs a second admin."
      confirmLabel="Yes, revoke this key"
      reasonLabel="Why (kept in the audit log)"
      doneText="Revoked."
      run={(reason) => send('POST', path, AuthorityKey, csrfToken, { reason })}
    />
  );
}
