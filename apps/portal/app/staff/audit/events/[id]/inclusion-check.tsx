'use client';

import {
  equalBytes,
  fromBase64,
  leafHash,
  openCheckpoint,
  TlogError,
  toBase64,
  verifyInclusion,
  type Checkpoint,
} from '@writ/tlog';
import { useCallback, useEffect, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { fetchInclusionProof, fetchLatestCheckpoint } from '@/lib/log-client';
import { KeySource, useVerifiers } from '@/lib/log-verifiers';

type Outcome =
  | { kind: 'checking' }
  | { kind: 'valid'; checkpoint: Checkpoint; source: 'pinned' | 'server' }
  | { kind: 'invalid'; title: string; reason: string }
  | { kind: 'unchecked'; reason: string };

/**
 * RFC 9162 inclusion of this event's leaf in the latest signed checkpoint, computed here: the leaf bytes shown on
 * the page are hashed in the browser, the proof is walked up to a root, and that root must be the one the
 * checkpoint signs. The server only supplies data; any of it being wrong makes the check fail.
 */
export function InclusionCheck({ leaf, index }: { leaf: string; index: number }) {
  const keys = useVerifiers();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'checking' });

  const check = useCallback(async () => {
    if (keys.state !== 'ready') return;
    setOutcome({ kind: 'checking' });
    const bytes = fromBase64(leaf);
    if (!bytes) return setOutcome({ kind: 'invalid', title: 'The leaf is not base64', reason: 'Reload the page.' });
    try {
      const note = await fetchLatestCheckpoint();
      if (note === null) return setOutcome({ kind: 'unchecked', reason: 'The log has no signed checkpoint yet.' });
      const { checkpoint } = openCheckpoint(note, keys.verifiers);
      if (index >= checkpoint.size) {
        return setOutcome({
          kind: 'unchecked',
          reason: `The latest checkpoint covers ${checkpoint.size} entries and this event is entry ${index}: the next checkpoint (within a second or so) will include it. Check again.`,
        });
      }
      const proof = await fetchInclusionProof(index, checkpoint.size);
      const computed = leafHash(bytes);
      // The server's leaf hash must be ours: it is stated, never trusted, so a mismatch is a finding.
      if (!equalBytes(computed, proof.leafHash ?? new Uint8Array())) {
        return setOutcome({
          kind: 'invalid',
          title: 'Invalid: the log holds a different leaf at this index',
          reason: `This event's leaf hashes to ${toBase64(computed)}, the log says ${proof.leafHash ? toBase64(proof.leafHash) : 'something that is not base64'}.`,
        });
      }
      verifyInclusion(computed, index, checkpoint.size, proof.proof, checkpoint.rootHash);
      setOutcome({ kind: 'valid', checkpoint, source: keys.source });
    } catch (e) {
      if (e instanceof TlogError) {
        const signature = e.code === 'BAD_SIGNATURE' || e.code === 'NO_TRUSTED_SIGNATURE';
        setOutcome({
          kind: 'invalid',
          title: signature
            ? 'Invalid: the latest checkpoint is not signed by the log key'
            : 'Invalid: the proof does not put this event in the signed tree',
          reason: `${e.message} [${e.code}]`,
        });
      } else {
        setOutcome({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }, [keys, leaf, index]);

  useEffect(() => {
    void check();
  }, [check]);

  if (keys.state === 'loading' || (keys.state === 'ready' && outcome.kind === 'checking')) {
    return <CheckResult tone="pending" title="Checking the inclusion proof in this browser…" testId="inclusion" />;
  }
  if (keys.state === 'error') {
    return (
      <CheckResult tone="warn" title="Not checked: no log key to check against" testId="inclusion">
        <p>{keys.message}</p>
      </CheckResult>
    );
  }
  switch (outcome.kind) {
    case 'valid':
      return (
        <CheckResult
          tone="ok"
          title={`Included: entry ${index} of the signed tree of ${outcome.checkpoint.size}`}
          testId="inclusion"
        >
          <p>
            Root <code className="mono">{toBase64(outcome.checkpoint.rootHash)}</code>,{' '}
            <KeySource source={outcome.source} />.
          </p>
        </CheckResult>
      );
    case 'invalid':
      return (
        <CheckResult tone="bad" title={outcome.title} testId="inclusion">
          <p>{outcome.reason}</p>
          <p>Keep this page (save it) and tell whoever runs the log: a proof that fails is evidence.</p>
        </CheckResult>
      );
    case 'unchecked':
      return (
        <CheckResult tone="warn" title="Not checked yet" testId="inclusion">
          <p>{outcome.reason}</p>
          <button type="button" onClick={() => void check()}>
            Check again
          </button>
        </CheckResult>
      );
    default:
      return null;
  }
}
