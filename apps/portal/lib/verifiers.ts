import { type NoteVerifier } from '@writ/tlog';
import { fetchLogKey } from './log-client';
import { parseKeyList } from './pinned-keys';

/**
 * The keys a browser check verifies against: the ones the visitor pinned on the public /audit page if any, else the
 * server's own copy, said so plainly, since a server cannot vouch for itself. No React and no localStorage here:
 * the report check runs this in a Web Worker, which is handed the pinned keys' text by the page.
 */
export type Verifiers =
  | { state: 'loading' }
  | { state: 'ready'; verifiers: NoteVerifier[]; source: 'pinned' | 'server' }
  | { state: 'error'; message: string };

export async function loadVerifiers(
  pinnedText: string | null,
  signal?: AbortSignal,
): Promise<Exclude<Verifiers, { state: 'loading' }>> {
  const fromPinned = pinnedText ? parseKeyList(pinnedText).verifiers : [];
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
