import { equalBytes, leafHash, RootBuilder, toBase64, type Checkpoint } from '@writ/tlog';
import { MalformedAnswer, MAX_ENTRIES_PER_CALL } from './log-client';

/** The full audit: download every entry the checkpoint covers, rebuild the Merkle root, compare with the signed one. */
export type FullAuditOutcome =
  | { kind: 'match'; size: number; millis: number }
  | { kind: 'mismatch'; size: number; computed: string; signed: string }
  /** The server stopped serving entries before the signed size. */
  | { kind: 'short'; served: number; size: number };

export interface FullAuditOptions {
  fetchEntries: (start: number, end: number, signal: AbortSignal) => Promise<Uint8Array[]>;
  onProgress: (done: number, total: number) => void;
  signal: AbortSignal;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runFullAudit(checkpoint: Checkpoint, options: FullAuditOptions): Promise<FullAuditOutcome> {
  const { fetchEntries, onProgress, signal } = options;
  const started = performance.now();
  const builder = new RootBuilder();
  onProgress(0, checkpoint.size);
  while (builder.size < checkpoint.size) {
    signal.throwIfAborted();
    const start = builder.size;
    const end = Math.min(start + MAX_ENTRIES_PER_CALL, checkpoint.size);
    const entries = await fetchEntries(start, end, signal);
    if (entries.length === 0) return { kind: 'short', served: start, size: checkpoint.size };
    if (entries.length > end - start) {
      throw new MalformedAnswer(`asked for entries ${start}–${end - 1}, the server sent ${entries.length}`);
    }
    for (const entry of entries) builder.push(leafHash(entry));
    onProgress(builder.size, checkpoint.size);
    await nextTask(); // let the progress bar paint and the Cancel button respond
  }
  signal.throwIfAborted();
  const computed = builder.root();
  return equalBytes(computed, checkpoint.rootHash)
    ? { kind: 'match', size: checkpoint.size, millis: performance.now() - started }
    : { kind: 'mismatch', size: checkpoint.size, computed: toBase64(computed), signed: toBase64(checkpoint.rootHash) };
}
