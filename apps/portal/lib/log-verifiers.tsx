'use client';

import { type NoteVerifier } from '@writ/tlog';
import { useEffect, useState } from 'react';
import { fetchLogKey } from './log-client';
import { parseKeyList } from './pinned-keys';
import { loadPinnedKeys } from './trust-store';

/**
 * The keys a check in the staff audit area verifies against: the ones this browser pinned on the public /audit
 * page if any, else the server's own copy, said so plainly, since a server cannot vouch for itself.
 */
export type Verifiers =
  | { state: 'loading' }
  | { state: 'ready'; verifiers: NoteVerifier[]; source: 'pinned' | 'server' }
  | { state: 'error'; message: string };

export function useVerifiers(): Verifiers {
  const [result, setResult] = useState<Verifiers>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    void loadVerifiers(controller.signal).then((loaded) => {
      if (!controller.signal.aborted) setResult(loaded);
    });
    return () => controller.abort();
  }, []);
  return result;
}

/** The keys to verify against, as useVerifiers gives them, for code that runs outside a component. */
export async function loadVerifiers(signal: AbortSignal): Promise<Exclude<Verifiers, { state: 'loading' }>> {
  const pinned = loadPinnedKeys();
  const fromPinned = pinned ? parseKeyList(pinned.text).verifiers : [];
  if (fromPinned.length > 0) return { state: 'ready', verifiers: fromPinned, source: 'pinned' };
  try {
    const key = await fetchLogKey(signal);
    const { verifiers, problems } = parseKeyList(key.keys.join('\n'));
    return verifiers.length > 0
      ? { state: 'ready', verifiers, source: 'server' }
      : { state: 'error', message: `The server's log key cannot be read: ${problems.join('; ')}` };
  } catch (e) {
    return { state: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

export { KeySource } from '@/components/key-source';
