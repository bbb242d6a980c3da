import { equalBytes, leafHash, openCheckpoint, TlogError, toHex, verifyInclusion, type Checkpoint } from '@writ/tlog';
import { ApiProblem, fetchEntries, fetchInclusionProof, fetchLatestCheckpoint } from '@/lib/log-client';
import { loadVerifiers } from '@/lib/verifiers';

export type ReportToCheck = { period: string; version: number; logIndex: number | null; downloadUrl: string };

/** What the page hands the check: the report, and the log keys this visitor pinned (from localStorage), if any. */
export type ReportCheckRequest = { report: ReportToCheck; pinnedKeys: string | null };

export type ReportOutcome =
  | { kind: 'verified'; sha256: string; checkpoint: Checkpoint; source: 'pinned' | 'server' }
  | { kind: 'failed'; title: string; reason: string }
  | { kind: 'unchecked'; reason: string }
  | { kind: 'no-key'; message: string };

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
 * @writ/tlog's, the same code `writ-verify` runs. Run in a Web Worker (report-check.worker.ts), so that this code
 * (the log library, its curves and zod) never competes with the page for a phone's main thread.
 */
export async function verifyReport(
  { report, pinnedKeys }: ReportCheckRequest,
  signal?: AbortSignal,
): Promise<ReportOutcome> {
  const { period, version, logIndex, downloadUrl } = report;
  const keys = await loadVerifiers(pinnedKeys, signal);
  if (keys.state === 'error') return { kind: 'no-key', message: keys.message };
  if (logIndex === null) {
    return { kind: 'unchecked', reason: 'The log has not sequenced this version yet. Reload shortly.' };
  }
  if (!globalThis.crypto?.subtle) {
    return { kind: 'unchecked', reason: 'this browser offers Web Crypto only on HTTPS pages' };
  }
  try {
    const download = await fetch(downloadUrl, { cache: 'no-store', signal });
    if (!download.ok) throw new ApiProblem(`report.json could not be downloaded (HTTP ${download.status}).`);
    const bytes = new Uint8Array(await download.arrayBuffer());
    const sha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    const [leaf] = await fetchEntries(logIndex, logIndex + 1);
    if (!leaf) throw new ApiProblem(`The log has no entry ${logIndex}.`);
    const problem = publishedLeafProblem(leaf, sha256, period, version);
    if (problem) return { kind: 'failed', title: 'NOT VERIFIED: the report differs from the log', reason: problem };

    const note = await fetchLatestCheckpoint(signal);
    if (note === null) return { kind: 'unchecked', reason: 'The log has no signed checkpoint yet.' };
    const { checkpoint } = openCheckpoint(note, keys.verifiers);
    if (logIndex >= checkpoint.size) {
      return {
        kind: 'unchecked',
        reason: `The latest checkpoint covers ${checkpoint.size} entries and the report was published as entry ${logIndex}: reload in a second or so.`,
      };
    }
    const proof = await fetchInclusionProof(logIndex, checkpoint.size, signal);
    const computed = leafHash(leaf);
    if (!equalBytes(computed, proof.leafHash ?? new Uint8Array())) {
      return {
        kind: 'failed',
        title: 'NOT VERIFIED: the log serves two different entries at this index',
        reason: `entry ${logIndex} as downloaded does not hash to the leaf hash of its inclusion proof`,
      };
    }
    verifyInclusion(computed, logIndex, checkpoint.size, proof.proof, checkpoint.rootHash);
    return { kind: 'verified', sha256, checkpoint, source: keys.source };
  } catch (e) {
    if (e instanceof TlogError) {
      const signature = e.code === 'BAD_SIGNATURE' || e.code === 'NO_TRUSTED_SIGNATURE';
      return {
        kind: 'failed',
        title: signature
          ? 'NOT VERIFIED: the latest checkpoint is not signed by the log key'
          : 'NOT VERIFIED: the proof does not put the publishing event in the signed log',
        reason: `${e.message} [${e.code}]`,
      };
    }
    return { kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) };
  }
}
