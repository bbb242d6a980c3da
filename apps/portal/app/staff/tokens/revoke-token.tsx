'use client';

import { RevokeApiToken } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../admin/confirm-action';

/** Revoking takes effect at once: a script using the token gets 401 from its next call. */
export function RevokeToken({ id, name, csrfToken }: { id: string; name: string; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Revoke…"
      name={`Revoke ${name}`}
      warning={`Revoke “${name}”? Any script using it is refused from its next call. This cannot be undone; make a new token if it is needed again.`}
      confirmLabel="Yes, revoke it"
      doneText="Revoked"
      run={() => callFromBrowser(RevokeApiToken, { params: { id } }, { csrfToken })}
    />
  );
}
