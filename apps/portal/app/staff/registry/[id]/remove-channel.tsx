'use client';

// Before the contracts build their schemas: no eval probe under the page's CSP (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import { RemoveAuthorityChannel } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../../admin/confirm-action';

export function RemoveChannel({ params, csrfToken }: { params: { id: string; channelId: string }; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Remove…"
      warning="Remove this channel now? Call-backs can no longer use it. Writ refuses if a verification already did; adding it back needs a second admin."
      confirmLabel="Yes, remove this channel"
      doneText="Removed."
      run={() => callFromBrowser(RemoveAuthorityChannel, { params }, { csrfToken })}
    />
  );
}
