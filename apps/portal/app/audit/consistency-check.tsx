'use client';

import type { Checkpoint } from '@writ/tlog';
import { useEffect, useRef, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { compareWithRemembered, type ConsistencyOutcome } from '@/lib/consistency';
import { fetchConsistencyProof } from '@/lib/log-client';
import { forgetRemembered, loadRemembered, remember, type RememberedCheckpoint } from '@/lib/trust-store';
import { groupDigits } from '@/lib/group-digits';

interface Verified {
  checkpoint: Checkpoint;
  note: string;
}

interface Result {
  note: string;
  outcome: ConsistencyOutcome;
  /** What the browser remembered before this check (the evidence, if the outcome is a fork). */
  before: RememberedCheckpoint | null;
  /** Whether the current checkpoint could be stored as the new reference. */
  saved: boolean;
}

/**
 * Check (b): the browser remembers the last checkpoint it verified and proves, on every visit, that the log it is
 * shown now extends that one. A failed proof is never overwritten: the remembered checkpoint is the evidence.
 */
export function ConsistencyCheck({ verified, waiting }: { verified: Verified | null; waiting: string }) {
  const [result, setResult] = useState<Result | null>(null);
  const [nonce, setNonce] = useState(0);
  // One comparison per checkpoint: re-pinning the same key must not turn "grew" into "unchanged".
  const done = useRef(new Map<string, Result>());
  const note = verified?.note ?? null;
  const checkpoint = verified?.checkpoint ?? null;

  useEffect(() => {
    if (note === null || checkpoint === null) return;
    const cached = done.current.get(note);
    if (cached) {
      setResult(cached);
      return;
    }
    let cancelled = false;
    const controller = new AbortController();
    setResult(null);
    const before = loadRemembered(checkpoint.origin);
    compareWithRemembered(before, checkpoint, (first, second) =>
      fetchConsistencyProof(first, second, controller.signal),
    ).then(
      (outcome) => {
        if (cancelled) return;
        const trusted = outcome.kind === 'first' || outcome.kind === 'grew' || outcome.kind === 'unchanged';
        const saved = trusted ? remember(checkpoint, note) !== null : false;
        const r = { note, outcome, before, saved };
        if (outcome.kind !== 'unchecked') done.current.set(note, r);
        setResult(r);
      },
      (e: unknown) => {
        if (cancelled) return;
        setResult({
          note,
          outcome: { kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) },
          before,
          saved: false,
        });
      },
    );
    return () => {
      cancelled = true;
      controller.abort();
    };
  }, [note, checkpoint, nonce]);

  function forget(): void {
    if (!checkpoint) return;
    const evidence = result?.outcome.kind === 'fork';
    if (
      evidence &&
      !window.confirm('Forget the remembered checkpoint? Save the evidence shown first: it is lost here.')
    ) {
      return;
    }
    forgetRemembered(checkpoint.origin);
    done.current.clear();
    setNonce((n) => n + 1);
  }

  return (
    <section className="card" aria-labelledby="check-consistency">
      <h2 id="check-consistency">2. Has the log only grown since your last visit?</h2>
      {verified === null ? (
        <p className="muted" data-testid="consistency-waiting">
          {waiting}
        </p>
      ) : result === null || result.note !== note ? (
        <CheckResult
          tone="pending"
          title="Checking consistency with what this browser saw before…"
          testId="consistency-check"
        />
      ) : (
        <Outcome result={result} current={verified} />
      )}
      {result && !result.saved && (result.outcome.kind === 'first' || result.outcome.kind === 'grew') ? (
        <p className="small status-bad">
          This browser cannot store the checkpoint (local storage is unavailable), so it cannot compare on your next
          visit.
        </p>
      ) : null}
      <p className="explain small">
        <strong>What this proves:</strong> that nobody rewrote history. Your browser keeps the last checkpoint it
        verified. On each visit it asks the server for a <em>consistency proof</em>: a few hashes showing that the old
        fingerprint is contained, unchanged, in the new one. If a single old entry had been edited, removed or
        reordered, no such proof could exist. If the server ever shows you a history that contradicts what you saw
        before, you get a red alarm here, and the two signed checkpoints are evidence anyone can check.
      </p>
      {verified ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={forget}>
            Forget the checkpoint this browser remembers
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Outcome({ result, current }: { result: Result; current: Verified }) {
  const { outcome, before } = result;
  const since = before ? new Date(before.verifiedAt).toLocaleString('en-GB') : '';
  switch (outcome.kind) {
    case 'first':
      return (
        <CheckResult tone="ok" title="First check from this browser" testId="consistency-check">
          <p className="small">
            This browser now remembers the checkpoint of size {groupDigits(current.checkpoint.size)}. On your next visit
            it will prove that the log only grew from here.
          </p>
        </CheckResult>
      );
    case 'unchanged':
      return (
        <CheckResult
          tone="ok"
          title={`No new entries since your last visit (size ${outcome.size})`}
          testId="consistency-check"
        >
          <p className="small">Same size and same root hash as the checkpoint this browser verified on {since}.</p>
        </CheckResult>
      );
    case 'grew':
      return (
        <CheckResult
          tone="ok"
          title={`The log only grew since your last visit (size ${outcome.from} → ${outcome.to})`}
          testId="consistency-check"
        >
          <p className="small">
            The consistency proof shows that the {groupDigits(outcome.from)} entries this browser saw on {since} are
            still there, unchanged and in the same order, followed by {groupDigits(outcome.to - outcome.from)} new ones.
          </p>
        </CheckResult>
      );
    case 'unchecked':
      return (
        <CheckResult tone="warn" title="Consistency could not be checked" testId="consistency-check">
          <p className="small">
            {outcome.reason} Nothing was concluded; this browser still remembers the checkpoint of size {before?.size}{' '}
            and will try again next time.
          </p>
        </CheckResult>
      );
    case 'fork':
      return (
        <CheckResult tone="alarm" title="FORK/REWRITE DETECTED" testId="consistency-check">
          <p>{outcome.reason}</p>
          <p className="small">
            The log has shown this browser two histories that cannot both be true. Keep the two signed checkpoints
            below: they are signed by the log&apos;s key, so anyone can verify that the log published both. Report them
            to the platform&apos;s auditors or to the press. This browser keeps the old checkpoint as the reference.
          </p>
          <details open>
            <summary>Evidence: the two signed checkpoints</summary>
            <p className="small">Remembered (verified on {since}):</p>
            <pre data-testid="fork-evidence-before">{before?.note}</pre>
            <p className="small">Shown now:</p>
            <pre data-testid="fork-evidence-now">{current.note}</pre>
          </details>
        </CheckResult>
      );
  }
}
