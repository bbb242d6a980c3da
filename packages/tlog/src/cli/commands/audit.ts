import { toBase64 } from '../../base64.js';
import { equalBytes } from '../../bytes.js';
import { openCheckpoint, type Checkpoint, type OpenedCheckpoint } from '../../checkpoint.js';
import { FormatError, TlogError, VerificationError } from '../../errors.js';
import { MemoryTree } from '../../memory-tree.js';
import type { NoteVerifier } from '../../note-keys.js';
import { verifyConsistency } from '../../verify-consistency.js';
import { COMMON_OPTIONS, expectPositionals, originOption, parse } from '../args.js';
import { EXIT, IncompleteError } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { readText, serverUrl, verifierKeys } from '../io.js';
import { LogClient, MAX_ENTRIES_PER_REQUEST } from '../log-client.js';
import { nodeHasher } from '../node-hasher.js';
import { Progress } from '../progress.js';
import { describeCheckpoint, invalid, out } from '../report.js';
import { checkConsistency } from './consistency.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  server: { type: 'string' },
  checkpoint: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Requests kept in flight, so downloading the next batches overlaps hashing the current one. */
const IN_FLIGHT = 4;

/**
 * Downloads entries [0, size) in order into `tree`, following the contract: the server may return fewer
 * entries than asked, so a short answer is followed up; an empty answer means the server has no more.
 * Returns how many entries the server served.
 */
async function download(client: LogClient, size: number, tree: MemoryTree, progress: Progress): Promise<number> {
  const pending: { start: number; end: number; entries: Promise<Uint8Array[]> }[] = [];
  let next = 0;
  const schedule = (): void => {
    while (pending.length < IN_FLIGHT && next < size) {
      const start = next;
      const end = Math.min(size, start + MAX_ENTRIES_PER_REQUEST);
      const entries = client.entries(start, end);
      entries.catch(() => undefined); // awaited below in order; avoid an unhandled rejection meanwhile
      pending.push({ start, end, entries });
      next = end;
    }
  };
  schedule();
  while (pending.length > 0) {
    const batch = pending.shift()!;
    schedule();
    let entries = await batch.entries;
    let position = batch.start;
    for (;;) {
      for (const entry of entries) tree.appendLeaf(entry);
      position += entries.length;
      progress.update(position);
      if (position === batch.end) break;
      if (entries.length === 0) return position;
      entries = await client.entries(position, batch.end);
    }
  }
  return size;
}

/**
 * Finds the first served entry that is not in the signed tree, by binary search over prefixes: prefix k is
 * right iff a consistency proof from k to the signed size verifies for the root of the first k served
 * entries. Relies on the server's proofs, which cannot make a wrong prefix verify, only a right one fail.
 */
async function firstDifference(
  client: LogClient,
  tree: MemoryTree,
  served: number,
  latest: Checkpoint,
): Promise<number | undefined> {
  const prefixIsRight = async (k: number): Promise<boolean> => {
    if (k === latest.size) return equalBytes(tree.root(k), latest.rootHash);
    try {
      const proof = await client.consistencyProof(k, latest.size);
      verifyConsistency(k, latest.size, proof, tree.root(k), latest.rootHash, nodeHasher);
      return true;
    } catch (e) {
      if (e instanceof VerificationError || e instanceof FormatError) return false;
      throw e;
    }
  };
  if (served === 0 || (await prefixIsRight(served))) return undefined;
  let right = 0;
  let wrong = served;
  while (wrong - right > 1) {
    const mid = Math.floor((right + wrong) / 2);
    if (await prefixIsRight(mid)) right = mid;
    else wrong = mid;
  }
  return wrong - 1;
}

async function locate(client: LogClient, tree: MemoryTree, served: number, latest: Checkpoint): Promise<string> {
  try {
    const index = await firstDifference(client, tree, served, latest);
    return index === undefined
      ? `the ${served} entries served are a correct prefix of the signed tree`
      : `the first entry that differs from the signed tree is entry ${index} (located with the server's consistency proofs)`;
  } catch (e) {
    if (e instanceof IncompleteError) return `could not locate the first differing entry: ${e.message}`;
    throw e;
  }
}

function openOrReport(
  text: string,
  keys: readonly NoteVerifier[],
  origin: { origin?: string },
  what: string,
): OpenedCheckpoint | undefined {
  try {
    return openCheckpoint(text, keys, origin);
  } catch (e) {
    if (!(e instanceof TlogError)) throw e;
    const kind = e instanceof FormatError ? 'malformed' : 'signature invalid';
    invalid(`${what}: checkpoint ${kind}: ${e.message}`);
    return undefined;
  }
}

export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.audit);
    return EXIT.VALID;
  }
  expectPositionals(positionals, []);
  const keys = verifierKeys(values.key);
  const client = new LogClient(serverUrl(values.server));
  const keptText = values.checkpoint === undefined ? undefined : await readText(values.checkpoint, 'checkpoint file');
  const origin = originOption(values.origin);
  try {
    let kept: OpenedCheckpoint | undefined;
    if (keptText !== undefined) {
      kept = openOrReport(keptText, keys, origin, `kept checkpoint ${values.checkpoint}`);
      if (!kept) return EXIT.INVALID;
    }
    const latest = openOrReport(await client.latestCheckpoint(), keys, origin, "the server's latest checkpoint");
    if (!latest) return EXIT.INVALID;
    const cp = latest.checkpoint;
    const problems: string[] = [];

    if (kept) {
      const older = kept.checkpoint;
      try {
        await checkConsistency(older, cp, () => client.consistencyProof(older.size, cp.size), {
          older: 'the kept checkpoint',
          newer: "the server's latest checkpoint",
        });
      } catch (e) {
        if (!(e instanceof VerificationError || e instanceof FormatError)) throw e;
        problems.push(`old checkpoint is not consistent with the latest one: ${e.message}`);
      }
    }

    if (!values.quiet) process.stderr.write(`auditing ${cp.origin}: ${cp.size} entries\n`);
    const tree = new MemoryTree(nodeHasher);
    const progress = new Progress(cp.size, 'entries', values.quiet ?? false);
    const served = await download(client, cp.size, tree, progress);
    progress.finish(served);

    let leavesProblem: string | undefined;
    if (served < cp.size) {
      leavesProblem = `server has fewer leaves than the checkpoint: it served ${served} of the ${cp.size} entries the signed checkpoint commits to`;
    } else {
      const root = tree.root();
      if (!equalBytes(root, cp.rootHash)) {
        leavesProblem = `root mismatch at size ${cp.size}: leaves recomputed to ${toBase64(root)}, signed checkpoint says ${toBase64(cp.rootHash)}`;
      }
    }
    if (leavesProblem) problems.push(`${leavesProblem}; ${await locate(client, tree, served, cp)}`);

    // A kept checkpoint at the latest size was already compared root to root by checkConsistency.
    if (kept && kept.checkpoint.size > 0 && kept.checkpoint.size < cp.size && kept.checkpoint.size <= served) {
      const root = tree.root(kept.checkpoint.size);
      if (!equalBytes(root, kept.checkpoint.rootHash)) {
        problems.push(
          `the entries served recompute to ${toBase64(root)} at size ${kept.checkpoint.size}, ` +
            `but the kept checkpoint says ${toBase64(kept.checkpoint.rootHash)}: history before it was rewritten`,
        );
      }
    }

    if (problems.length > 0) {
      problems.forEach(invalid);
      return EXIT.INVALID;
    }
    out(`audit OK: ${served} entries recompute to the signed root`);
    describeCheckpoint('', cp, latest.note);
    if (kept) out(`kept checkpoint of size ${kept.checkpoint.size} is consistent with it`);
    return EXIT.VALID;
  } finally {
    client.close();
  }
}
