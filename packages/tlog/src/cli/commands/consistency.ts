import { fromBase64 } from '../../base64.js';
import { equalBytes } from '../../bytes.js';
import { openCheckpoint, type Checkpoint } from '../../checkpoint.js';
import { FormatError, TlogError, VerificationError } from '../../errors.js';
import { emptyRoot } from '../../hash.js';
import { verifyConsistency } from '../../verify-consistency.js';
import { COMMON_OPTIONS, expectPositionals, originOption, parse } from '../args.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { readText, serverUrl, verifierKeys } from '../io.js';
import { LogClient, parseProofJson } from '../log-client.js';
import { nodeHasher } from '../node-hasher.js';
import { describeCheckpoint, out } from '../report.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  proof: { type: 'string' },
  server: { type: 'string' },
} as const;

/** A proof file: the server's JSON, or base64 hashes one per line. */
function parseProofFile(text: string, first: number, second: number, path: string): Uint8Array[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new FormatError('BAD_PROOF', `${path} looks like JSON but does not parse`);
    }
    return parseProofJson(json, first, second, path);
  }
  if (trimmed === '') return [];
  return trimmed.split('\n').map((line, i) => {
    const bytes = fromBase64(line.trim());
    if (!bytes || bytes.length !== 32) {
      throw new FormatError('BAD_PROOF', `${path} line ${i + 1} is not the base64 of a 32-byte hash`);
    }
    return bytes;
  });
}

/**
 * Whether `newer` extends `older`, given a way to get the proof. Shared by `consistency` and `audit`.
 * Throws VerificationError with a message that says what is inconsistent.
 */
export async function checkConsistency(
  older: Checkpoint,
  newer: Checkpoint,
  getProof: () => Promise<Uint8Array[]>,
  names: { older: string; newer: string; hint?: string } = { older: 'the older checkpoint', newer: 'the newer one' },
): Promise<void> {
  if (older.origin !== newer.origin) {
    throw new VerificationError(
      'ORIGIN_MISMATCH',
      `the checkpoints are for different logs: ${JSON.stringify(older.origin)} and ${JSON.stringify(newer.origin)}`,
    );
  }
  if (older.size > newer.size) {
    throw new VerificationError(
      'LOG_SHRANK',
      `${names.older} has ${older.size} entries but ${names.newer} only ${newer.size}: ` +
        `a log never shrinks, so it was truncated or rebuilt${names.hint ?? ''}`,
    );
  }
  if (older.size === 0) {
    // RFC 9162 defines no proof from the empty tree; the empty tree is a prefix of every tree.
    if (!equalBytes(older.rootHash, emptyRoot())) {
      throw new VerificationError('ROOT_MISMATCH', `${names.older} has size 0 but not the empty-tree root`);
    }
    return;
  }
  if (older.size === newer.size) {
    if (!equalBytes(older.rootHash, newer.rootHash)) {
      throw new VerificationError(
        'FORK',
        `both checkpoints have size ${older.size} but different roots: the log signed two different histories`,
      );
    }
    return;
  }
  verifyConsistency(older.size, newer.size, await getProof(), older.rootHash, newer.rootHash, nodeHasher);
}

export async function consistencyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.consistency);
    return EXIT.VALID;
  }
  expectPositionals(positionals, ['<old checkpoint file>', '<new checkpoint file>']);
  const keys = verifierKeys(values.key);
  if ((values.proof === undefined) === (values.server === undefined)) {
    throw new UsageError('give exactly one of --proof <file> or --server <url>');
  }
  const server = values.server === undefined ? undefined : serverUrl(values.server);
  const proofText = values.proof === undefined ? undefined : await readText(values.proof, 'proof file');
  const [oldText, newText] = [
    await readText(positionals[0]!, 'old checkpoint file'),
    await readText(positionals[1]!, 'new checkpoint file'),
  ];
  const open = (text: string, which: string) => {
    try {
      return openCheckpoint(text, keys, originOption(values.origin));
    } catch (e) {
      if (e instanceof TlogError) throw new VerificationError(e.code, `${which} checkpoint: ${e.message}`);
      throw e;
    }
  };
  const older = open(oldText, 'old');
  const newer = open(newText, 'new');
  await checkConsistency(
    older.checkpoint,
    newer.checkpoint,
    async () =>
      server !== undefined
        ? new LogClient(server).consistencyProof(older.checkpoint.size, newer.checkpoint.size)
        : parseProofFile(proofText!, older.checkpoint.size, newer.checkpoint.size, values.proof!),
    { older: 'the old checkpoint', newer: 'the new one', hint: ' (or the two files are in the wrong order)' },
  );
  out(`consistency OK: the tree of size ${newer.checkpoint.size} extends the tree of size ${older.checkpoint.size}`);
  describeCheckpoint('old ', older.checkpoint, older.note);
  describeCheckpoint('new ', newer.checkpoint, newer.note);
  return EXIT.VALID;
}
