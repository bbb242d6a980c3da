'use client';

import { RecordUserNotifiedRoute } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';

/** Records "the user was told" for one request; the API checks the gag order again, as it may have changed. */
export function MarkNotified({
  requestId,
  reference,
  csrfToken,
}: {
  requestId: string;
  reference: string;
  csrfToken: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function record(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(
      RecordUserNotifiedRoute,
      { params: { id: requestId }, body: {} },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setError(refusalText(result));
    router.refresh();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void record()}
        disabled={busy}
        aria-busy={busy}
        aria-label={`User told: ${reference}`}
      >
        User told
      </button>
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
    </>
  );
}
