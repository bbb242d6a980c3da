import { toBase64 } from '../../base64.js';
import { equalBytes } from '../../bytes.js';
import { openCheckpoint } from '../../checkpoint.js';
import { MemoryTree } from '../../memory-tree.js';
import { COMMON_OPTIONS, expectPositionals, originOption, parse } from '../args.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { readText, serverUrl, verifierKeys } from '../io.js';
import { LogClient, MAX_ENTRIES_PER_REQUEST } from '../log-client.js';
import { nodeHasher } from '../node-hasher.js';
import { type PublishedReport, recountReport, type Unrecounted } from '../recount.js';
import { invalid, out } from '../report.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  server: { type: 'string' },
  leaves: { type: 'string' },
} as const;

/** Every leaf under the server's latest checkpoint, checked against its signed root before anything is counted. */
async function leavesFromServer(server: string, keys: string[] | undefined, origin: string | undefined) {
  const client = new LogClient(serverUrl(server));
  try {
    const { checkpoint } = openCheckpoint(await client.latestCheckpoint(), verifierKeys(keys), originOption(origin));
    const leaves: Uint8Array[] = [];
    const tree = new MemoryTree(nodeHasher);
    while (leaves.length < checkpoint.size) {
      const batch = await client.entries(
        leaves.length,
        Math.min(checkpoint.size, leaves.length + MAX_ENTRIES_PER_REQUEST),
      );
      if (batch.length === 0) break;
      for (const leaf of batch) {
        leaves.push(leaf);
        tree.appendLeaf(leaf);
      }
    }
    if (leaves.length < checkpoint.size || !equalBytes(tree.root(), checkpoint.rootHash)) {
      return {
        leaves,
        problem:
          `the ${leaves.length} leaves served do not recompute to the signed root ${toBase64(checkpoint.rootHash)} ` +
          `of size ${checkpoint.size}: run 'writ-verify audit' to locate the difference`,
      };
    }
    return { leaves, problem: undefined, size: checkpoint.size };
  } finally {
    client.close();
  }
}

/** A leaves file: one leaf per line, as the log serves it (its canonical JSON). */
async function leavesFromFile(path: string) {
  const text = await readText(path, 'leaves file');
  const encoder = new TextEncoder();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => encoder.encode(line));
}

export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.report);
    return EXIT.VALID;
  }
  expectPositionals(positionals, ['report.json']);
  if ((values.server === undefined) === (values.leaves === undefined)) {
    throw new UsageError('give either --server <url> (with --key) or --leaves <file>');
  }
  let report: PublishedReport;
  try {
    report = JSON.parse(await readText(positionals[0]!, 'report file')) as PublishedReport;
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`${positionals[0]} is not JSON: ${e.message}`);
    throw e;
  }
  if (!Array.isArray(report.rows) || typeof report.threshold !== 'number' || typeof report.countedAt !== 'string') {
    throw new UsageError(`${positionals[0]} is not a Writ transparency report (report.json of a published version)`);
  }
  let leaves: Uint8Array[];
  if (values.server !== undefined) {
    const served = await leavesFromServer(values.server, values.key, values.origin);
    if (served.problem) {
      invalid(served.problem);
      return EXIT.INVALID;
    }
    leaves = served.leaves;
  } else {
    leaves = await leavesFromFile(values.leaves!);
  }

  const { differences, unrecounted, byRule } = recountReport(report, leaves);
  describeUnrecounted(report.period, unrecounted);
  if (differences.length > 0) {
    for (const d of differences) {
      invalid(
        `${report.period} ${d.cell}: the report prints ${JSON.stringify(d.published)}, the log counts ${d.recounted === null ? 'too few to print (withheld)' : d.recounted}` +
          (d.expected === undefined ? '' : `, which the report's own rule prints as ${JSON.stringify(d.expected)}`),
      );
    }
    invalid(
      `${differences.length} published figure(s) of ${report.period} differ from the recount of ${leaves.length} leaves`,
    );
    return EXIT.INVALID;
  }
  out(
    byRule
      ? `report OK: every figure of ${report.period} (threshold ${report.threshold}) matches the recount of ${leaves.length} leaves`
      : `report OK: every recountable figure of ${report.period} (threshold ${report.threshold}) matches the recount of ${leaves.length} leaves; ${unrecounted.length} row(s) not recounted in full (above)`,
  );
  return EXIT.VALID;
}

/**
 * Rows with a delivery logged before delivery leaves carried their counts: their disclosure figures are unknown to
 * the log, so they are named as not recounted, neither passed nor failed. Not an INVALID verdict on its own.
 */
function describeUnrecounted(period: string, unrecounted: readonly Unrecounted[]): void {
  for (const u of unrecounted) out(`not recounted: ${period} ${u.row} ${u.fields.join(', ')}: ${u.because}`);
  if (unrecounted.length > 0) {
    out(
      `so the report's rule for withheld figures cannot be applied to the recount: every other cell of ${period} ` +
        'is held to its own recounted count (exact, or its band)',
    );
  }
}
