'use client';

import {
  emptyRoot,
  equalBytes,
  openCheckpoint,
  TlogError,
  toBase64,
  verifyConsistency,
  type Checkpoint,
} from '@writ/tlog';
import { type FormEvent, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { ApiProblem, fetchConsistencyProof } from '@/lib/log-client';
import { KeySource, useVerifiers } from '@/lib/log-verifiers';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'valid'; first: Checkpoint; second: Checkpoint; source: 'pinned' | 'server' }
  | { kind: 'invalid'; title: string; reason: string }
  | { kind: 'unchecked'; reason: string };

async function signedAt(size: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api/log/checkpoints/${size}`, { cache: 'no-store' });
  } catch {
    throw new ApiProblem('The Writ API cannot be reached right now.');
  }
  if (response.status === 404) {
    throw new ApiProblem(`No checkpoint was signed for size ${size}: pick a size from the list below.`);
  }
  if (!response.ok)
    throw new ApiProblem(`The checkpoint for size ${size} could not be fetched (HTTP ${response.status}).`);
  return response.text();
}

/**
 * Any two signed checkpoints, one history: both signatures checked with the log key, then the RFC 9162 consistency
 * proof from the smaller to the larger verified here. A failure is evidence that the log was rewritten or forked.
 */
export function ConsistencyBetween({ first, second }: { first: number | null; second: number | null }) {
  const keys = useVerifiers();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (keys.state !== 'ready') return;
    const form = new FormData(event.currentTarget);
    const a = Number(form.get('first'));
    const b = Number(form.get('second'));
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b < 0) {
      return setOutcome({ kind: 'invalid', title: 'Two tree sizes needed', reason: 'Enter two whole numbers.' });
    }
    const [small, large] = a <= b ? [a, b] : [b, a];
    setOutcome({ kind: 'checking' });
    try {
      const older = openCheckpoint(await signedAt(small), keys.verifiers).checkpoint;
      const newer = openCheckpoint(await signedAt(large), keys.verifiers).checkpoint;
      if (older.origin !== newer.origin) {
        return setOutcome({
          kind: 'invalid',
          title: 'Two different logs',
          reason: `Size ${small} is signed for ${older.origin}, size ${large} for ${newer.origin}.`,
        });
      }
      // RFC 9162 has no proof from the empty tree or to the same size: the roots themselves are compared.
      if (small === 0 && !equalBytes(older.rootHash, emptyRoot())) {
        return setOutcome({
          kind: 'invalid',
          title: 'Invalid: the signed empty tree has a root that is not the empty root',
          reason: `Size 0 is signed with root ${toBase64(older.rootHash)}.`,
        });
      }
      if (small === large && !equalBytes(older.rootHash, newer.rootHash)) {
        return setOutcome({
          kind: 'invalid',
          title: `Two different roots are signed for size ${small}`,
          reason:
            'The same entries cannot have two roots: the log forked or was rewritten. Keep this page as evidence.',
        });
      }
      if (small !== 0 && small !== large) {
        const proof = await fetchConsistencyProof(small, large);
        verifyConsistency(small, large, proof, older.rootHash, newer.rootHash);
      }
      setOutcome({ kind: 'valid', first: older, second: newer, source: keys.source });
    } catch (e) {
      if (e instanceof TlogError) {
        const signature = e.code === 'BAD_SIGNATURE' || e.code === 'NO_TRUSTED_SIGNATURE';
        setOutcome({
          kind: 'invalid',
          title: signature
            ? 'Invalid: a checkpoint is not signed by the log key'
            : `Invalid: the tree of ${large} does not extend the tree of ${small}`,
          reason: `${e.message} [${e.code}]`,
        });
      } else {
        setOutcome({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  return (
    <>
      <form
        className="card filters"
        onSubmit={(event) => void submit(event)}
        // A result shown is about the sizes it was checked for: changing either one takes it away.
        onChange={() => setOutcome((current) => (current.kind === 'checking' ? current : { kind: 'idle' }))}
        aria-label="Check two checkpoints"
      >
        <div>
          <label htmlFor="first">Earlier tree size</label>
          <input id="first" name="first" type="number" min={0} step={1} required defaultValue={first ?? undefined} />
        </div>
        <div>
          <label htmlFor="second">Later tree size</label>
          <input id="second" name="second" type="number" min={0} step={1} required defaultValue={second ?? undefined} />
        </div>
        <div className="actions wide">
          <button type="submit" disabled={keys.state !== 'ready' || outcome.kind === 'checking'}>
            Check consistency in this browser
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {keys.state === 'error' ? (
          <CheckResult tone="warn" title="Cannot check: no log key" testId="consistency">
            <p>{keys.message}</p>
          </CheckResult>
        ) : outcome.kind === 'checking' ? (
          <CheckResult tone="pending" title="Checking…" testId="consistency" />
        ) : outcome.kind === 'valid' ? (
          <CheckResult
            tone="ok"
            title={`Consistent: the tree of ${outcome.second.size} extends the tree of ${outcome.first.size}`}
            testId="consistency"
          >
            <p>
              Both checkpoints are signed and the proof holds, <KeySource source={outcome.source} />.
            </p>
          </CheckResult>
        ) : outcome.kind === 'invalid' ? (
          <CheckResult tone="bad" title={outcome.title} testId="consistency">
            <p>{outcome.reason}</p>
          </CheckResult>
        ) : outcome.kind === 'unchecked' ? (
          <CheckResult tone="warn" title="Not checked" testId="consistency">
            <p>{outcome.reason}</p>
          </CheckResult>
        ) : null}
      </div>
    </>
  );
}
