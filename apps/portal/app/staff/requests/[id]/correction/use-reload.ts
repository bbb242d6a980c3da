import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

/**
 * Reloading the request after a refused version: the page is refreshed in place (what was typed elsewhere on it
 * stays), and `landed` counts the reloads that have arrived, for a form to start afresh from the request as it
 * stands. A reload has landed when the request's version moved on, or when the refresh is over.
 */
export function useReload(version: number) {
  const router = useRouter();
  const [askedAt, setAskedAt] = useState<number | null>(null);
  const [landed, setLanded] = useState(0);
  const [refreshing, startRefresh] = useTransition();
  if (askedAt !== null && (version !== askedAt || !refreshing)) {
    setAskedAt(null);
    setLanded(landed + 1);
  }
  return {
    reloading: askedAt !== null,
    landed,
    reload: () => {
      setAskedAt(version);
      startRefresh(() => router.refresh());
    },
  };
}
