'use client';

// Before the contracts build their schemas: no eval probe under the page's CSP (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import { useState } from 'react';
import { Logout } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';

export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function logout(): Promise<void> {
    setBusy(true);
    const result = await callFromBrowser(Logout, {}, { csrfToken });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    window.location.assign('/staff');
  }

  return (
    <>
      <button type="button" onClick={logout} disabled={busy} aria-busy={busy}>
        Log out
      </button>
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
    </>
  );
}
