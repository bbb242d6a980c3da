'use client';

import { useEffect, useState } from 'react';
import { loadPinnedKeys } from './trust-store';
import { loadVerifiers, type Verifiers } from './verifiers';

export type { Verifiers } from './verifiers';

/** The keys a check in the staff audit area verifies against (lib/verifiers.ts), loaded once per component. */
export function useVerifiers(): Verifiers {
  const [result, setResult] = useState<Verifiers>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    void loadVerifiers(loadPinnedKeys()?.text ?? null, controller.signal).then((loaded) => {
      if (!controller.signal.aborted) setResult(loaded);
    });
    return () => controller.abort();
  }, []);
  return result;
}

export { KeySource } from '@/components/key-source';
