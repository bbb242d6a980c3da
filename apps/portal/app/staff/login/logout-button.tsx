'use client';

import { useState } from 'react';
import { callApi } from './api-call';

export function LogoutButton({ csrfToken }: { csrfToken: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function logout(): Promise<void> {
    setBusy(true);
    const result = await callApi<void>('/auth/logout', { csrfToken });
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
