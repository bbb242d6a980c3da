'use client';

import { InclusionProofResponse } from '@writ/contracts';
import {
  equalBytes,
  fromBase64,
  leafHash,
  openCheckpoint,
  TlogError,
  toHex,
  verifyInclusion,
  type Checkpoint,
} from '@writ/tlog';
import { useCallback, useEffect, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { ApiProblem, fetchEntries, fetchLatestCheckpoint } from '@/lib/log-client';
import { KeySource, useVerifiers } from '@/lib/log-verifiers';

type Props = { period: string; version: number; logIndex: number | null; downloadUrl: string };

type Outcome =
  | { kind: 'checking' }
  | { kind: 'verified'; sha256: string; checkpoint: Checkpoint; source: 'pinned' | 'server' }
  | { kind: 'failed'; title: string; reason: string }
  | { kind: 'unchecked'; reason: string };

/** What the `report.published` leaf must say about the file: the same hash, period and version. */
function publishedLeafProblem(leaf: Uint8Array, sha256: string, period: string, version: number): string | null {
  let parsed: { action?: unknown; details?: { sha256?: unknown; period?: unknown; version?: unknown } };
  try {
    parsed = JSON.parse(new TextDecoder().decode(leaf)) as typeof parsed;
  } catch {
    return 'the log entry named by the report is not a JSON event';
  }
  if (parsed.action !== 'report.published')
    return `the log entry named by the report is a ${String(parsed.action)} event, not report.published`;
  if (parsed.details?.period !== period || parsed.details?.version !== version) {
    return `the log entry publishes ${String(parsed.details?.period)} version ${String(parsed.details?.version)}, not ${period} version ${version}`;
  }
  if (parsed.details?.sha256 !== sha256) {
    return `the downloaded report.json hashes to ${sha256}, but the log published ${String(parsed.details?.sha256)}`;
  }
  return null;
}

/**
 * The report checked in this browser, trusting the server for nothing: the downloaded report.json is hashed here,
 * that hash must be the one in the `report.published` event at the report's log index, and that event must be
 * proven (RFC 9162 inclusion) under the latest checkpoint signed by the pinned log key. Merkle and note checks are
 * @writ/tlog's, the same code `writ-verify` runs.
 */
export function ReportCheck({ period, version, logIndex, downloadUrl }: Props) {
  const keys = useVerifiers();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'checking' });

  const check = useCallback(async () => {
    if (keys.state !== 'ready') return;
    if (logIndex === null) {
      return setOutcome({ kind: 'unchecked', reason: 'The log has not sequenced this version yet. Reload shortly.' });
    }
    if (!globalThis.crypto?.subtle) {
      return setOutcome({ kind: 'unchecked', reason: 'this browser offers Web Crypto only on HTTPS pages' });
    }
    setOutcome({ kind: 'checking' });
    try {
      const download = await fetch(downloadUrl, { cache: 'no-store' });
      if (!download.ok) throw new ApiProblem(`report.json could not be downloaded (HTTP ${download.status}).`);
      const bytes = new Uint8Array(await download.arrayBuffer());
      const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
      const [leaf] = await fetchEntries(logIndex, logIndex + 1);
      if (!leaf) throw new ApiProblem(`The log has no entry ${logIndex}.`);
      const problem = publishedLeafProblem(leaf, sha256, period, version);
      if (problem)
        return setOutcome({ kind: 'failed', title: 'NOT VERIFIED: the report differs from the log', reason: problem });

      const note = await fetchLatestCheckpoint();
      if (note === null) return setOutcome({ kind: 'unchecked', reason: 'The log has no signed checkpoint yet.' });
      const { checkpoint } = openCheckpoint(note, keys.verifiers);
      if (logIndex >= checkpoint.size) {
        return setOutcome({
          kind: 'unchecked',
          reason: `The latest checkpoint covers ${checkpoint.size} entries and the report was published as entry ${logIndex}: reload in a second or so.`,
        });
      }
      const response = await fetch(`/api/log/proof/inclusion?index=${logIndex}&size=${checkpoint.size}`, {
        cache: 'no-store',
      });
      if (!response.ok) throw new ApiProblem(`The inclusion proof could not be fetched (HTTP ${response.status}).`);
      const proof = InclusionProofResponse.safeParse(await response.json().catch(() => undefined));
      if (!proof.success) throw new ApiProblem('The inclusion proof is not in the documented format.');
      const hashes = proof.data.proof.map((hash) => fromBase64(hash));
      if (hashes.some((hash) => hash === undefined)) throw new ApiProblem('A proof hash is not canonical base64.');
      const computed = leafHash(leaf);
      if (!equalBytes(computed, fromBase64(proof.data.leafHash) ?? new Uint8Array())) {
        return setOutcome({
          kind: 'failed',
          title: 'NOT VERIFIED: the log serves two different entries at this index',
          reason: `entry ${logIndex} as downloaded does not hash to the leaf hash of its inclusion proof`,
        });
      }
      verifyInclusion(computed, logIndex, checkpoint.size, hashes as Uint8Array[], checkpoint.rootHash);
      setOutcome({ kind: 'verified', sha256, checkpoint, source: keys.source });
    } catch (e) {
      if (e instanceof TlogError) {
        const signature = e.code === 'BAD_SIGNATURE' || e.code === 'NO_TRUSTED_SIGNATURE';
        setOutcome({
          kind: 'failed',
          title: signature
            ? 'NOT VERIFIED: the latest checkpoint is not signed by the log key'
            : 'NOT VERIFIED: the proof does not put the publishing event in the signed log',
          reason: `${e.message} [${e.code}]`,
        });
      } else {
        setOutcome({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }, [keys, logIndex, downloadUrl, period, version]);

  useEffect(() => {
    void check();
  }, [check]);

  if (keys.state === 'error') {
    return (
      <CheckResult tone="warn" title="Not checked: no log key to check against" testId="report-check">
        <p className="small">{keys.message}</p>
      </CheckResult>
    );
  }
  if (keys.state === 'loading' || outcome.kind === 'checking') {
    return <CheckResult tone="pending" title="Checking this report in your browser…" testId="report-check" />;
  }
  switch (outcome.kind) {
    case 'verified':
      return (
        <CheckResult tone="ok" title="Verified" testId="report-check">
          <p className="small">
            Your browser downloaded report.json (SHA-256 <code className="hash">{outcome.sha256}</code>), found that
            hash in the log&apos;s <code>report.published</code> event #{logIndex}, and proved that event is in the log
            of size {outcome.checkpoint.size.toLocaleString('en-GB')} signed by <code>{outcome.checkpoint.origin}</code>
            : <KeySource source={outcome.source} />.
          </p>
        </CheckResult>
      );
    case 'failed':
      return (
        <CheckResult tone="bad" title={outcome.title} testId="report-check">
          <p className="small">{outcome.reason}.</p>
        </CheckResult>
      );
    case 'unchecked':
      return (
        <CheckResult tone="warn" title="Not checked" testId="report-check">
          <p className="small">{outcome.reason}</p>
        </CheckResult>
      );
  }
}
