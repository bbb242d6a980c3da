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
    const pinned = loadPinnedKeys();
    const fromPinned = pinned ? parseKeyList(pinned.text).verifiers : [];
    if (fromPinned.length > 0) {
      setResult({ state: 'ready', verifiers: fromPinned, source: 'pinned' });
      return;
    }
    fetchLogKey(controller.signal)
      .then((key) => {
        const { verifiers, problems } = parseKeyList(key.keys.join('\n'));
        setResult(
          verifiers.length > 0
            ? { state: 'ready', verifiers, source: 'server' }
            : { state: 'error', message: `The server's log key cannot be read: ${problems.join('; ')}` },
        );
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted)
          setResult({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => controller.abort();
  }, []);
  return result;
}

export function KeySource({ source }: { source: 'pinned' | 'server' }) {
  return source === 'pinned' ? (
    <>checked against the log key you pinned on the public audit page</>
  ) : (
    <>
      checked against the key this server hands out; for a check that does not rest on this server, pin the log key on
      the <a href="/audit">public audit page</a> (this page then uses it)
    </>
  );
}
