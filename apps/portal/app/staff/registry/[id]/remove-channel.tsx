'use client';

import { z } from 'zod';
import { ConfirmAction } from '../../admin/confirm-action';
import { send } from '../../admin/send';

export function RemoveChannel({ path, csrfToken }: { path: string; csrfToken: string }) {
  return (
    <ConfirmAction
      label="Remove…"
      warning="Remove this channel now? Call-backs can no longer use it. Writ refuses if a verification already did; adding it back needs a second admin."
      confirmLabel="Yes, remove this channel"
      doneText="Removed."
      run={() => send('DELETE', path, z.unknown(), csrfToken)}
    />
  );
}
