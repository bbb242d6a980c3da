'use client';

import type { Checkpoint } from '@writ/tlog';
import { useEffect, useRef, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { runFullAudit, type FullAuditOutcome } from '@/lib/full-audit';
import { fetchEntries } from '@/lib/log-client';
import { groupDigits } from '@/lib/group-digits';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'finished'; outcome: FullAuditOutcome }
  | { kind: 'cancelled'; done: number; total: number }
  | { kind: 'failed'; message: string };

/** Check (c): download every entry, rebuild the Merkle root in the browser, compare it with the signed root. */
export function FullAudit({
  verified,
  waiting,
}: {
  verified: { checkpoint: Checkpoint; note: string } | null;
  waiting: string;
}) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const progress = useRef({ done: 0, total: 0 });
  const note = verified?.note ?? null;

  // A new checkpoint makes an earlier result moot; leaving the page stops a running audit.
  useEffect(() => {
    setState({ kind: 'idle' });
    return () => controller.current?.abort();
  }, [note]);

  async function start(): Promise<void> {
    if (!verified) return;
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: 'running', done: 0, total: verified.checkpoint.size });
    try {
      const outcome = await runFullAudit(verified.checkpoint, {
        fetchEntries,
        signal: abort.signal,
        onProgress: (done, total) => {
          progress.current = { done, total };
          if (!abort.signal.aborted) setState({ kind: 'running', done, total });
        },
      });
      setState({ kind: 'finished', outcome });
    } catch (e) {
      if (abort.signal.aborted) setState({ kind: 'cancelled', ...progress.current });
      else setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  function cancel(): void {
    controller.current?.abort();
  }

  const size = verified?.checkpoint.size ?? 0;
  return (
    <section className="card" aria-labelledby="check-full-audit">
      <h2 id="check-full-audit">3. Do the published entries add up to the signed root?</h2>
      <div className="actions">
        <button type="button" onClick={() => void start()} disabled={!verified || state.kind === 'running'}>
          {verified ? `Run the full audit (${groupDigits(size)} entries)` : 'Run the full audit'}
        </button>
        {state.kind === 'running' ? (
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {verified ? null : (
        <p className="muted" data-testid="full-audit-waiting">
          {waiting}
        </p>
      )}
      {state.kind === 'running' ? (
        <div role="status">
          <label htmlFor="full-audit-progress" className="small">
            Downloaded and hashed {groupDigits(state.done)} of {groupDigits(state.total)} entries
          </label>
          <progress
            id="full-audit-progress"
            max={Math.max(state.total, 1)}
            value={state.done}
            data-testid="full-audit-progress"
          />
        </div>
      ) : null}
      {verified ? <FullAuditResult state={state} /> : null}
      <p className="explain small">
        <strong>What this proves:</strong> that the entries the server publishes are exactly the ones the signed
        checkpoint commits to, all of them and nothing else. Your browser downloads every entry ({groupDigits(10_000)}{' '}
        per request), recomputes the Merkle tree&apos;s fingerprint from scratch and compares it with the signed root
        hash. On a large log this takes a while; you can cancel at any time.
      </p>
    </section>
  );
}

function FullAuditResult({ state }: { state: State }) {
  switch (state.kind) {
    case 'idle':
    case 'running':
      return null;
    case 'cancelled':
      return (
        <CheckResult tone="warn" title="Full audit cancelled" testId="full-audit-result">
          <p className="small">
            Stopped after {groupDigits(state.done)} of {groupDigits(state.total)} entries. Nothing was concluded.
          </p>
        </CheckResult>
      );
    case 'failed':
      return (
        <CheckResult tone="warn" title="The full audit could not finish" testId="full-audit-result">
          <p className="small">{state.message} Nothing was concluded; try again.</p>
        </CheckResult>
      );
    case 'finished': {
      const { outcome } = state;
      if (outcome.kind === 'match') {
        return (
          <CheckResult tone="ok" title="Root matches: every entry is accounted for" testId="full-audit-result">
            <p className="small">
              All {groupDigits(outcome.size)} entries hash to the signed root ({(outcome.millis / 1000).toFixed(1)} s in
              your browser).
            </p>
          </CheckResult>
        );
      }
      if (outcome.kind === 'short') {
        return (
          <CheckResult tone="alarm" title="ENTRIES MISSING" testId="full-audit-result">
            <p>
              The signed checkpoint covers {groupDigits(outcome.size)} entries, but the server served only{' '}
              {groupDigits(outcome.served)}. Entries the log committed to are being withheld.
            </p>
          </CheckResult>
        );
      }
      return (
        <CheckResult tone="alarm" title="ROOT MISMATCH" testId="full-audit-result">
          <p>
            The {groupDigits(outcome.size)} entries the server publishes hash to{' '}
            <code className="hash">{outcome.computed}</code>, but the signed checkpoint says{' '}
            <code className="hash">{outcome.signed}</code>. The published entries are not the ones the log signed.
          </p>
        </CheckResult>
      );
    }
  }
}
