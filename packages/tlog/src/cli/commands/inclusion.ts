import { toBase64 } from '../../base64.js';
import { verifyReceipt, type LeafInput } from '../../receipt.js';
import { COMMON_OPTIONS, expectPositionals, originOption, parse } from '../args.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { parseLeafHash, readInput, readText, verifierKeys } from '../io.js';
import { nodeHasher } from '../node-hasher.js';
import { out } from '../report.js';

const OPTIONS = {
  ...COMMON_OPTIONS,
  leaf: { type: 'string' },
  'leaf-hash': { type: 'string' },
} as const;

export async function inclusionCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.inclusion);
    return EXIT.VALID;
  }
  expectPositionals(positionals, ['<receipt file>']);
  const keys = verifierKeys(values.key);
  if ((values.leaf === undefined) === (values['leaf-hash'] === undefined)) {
    throw new UsageError('give exactly one of --leaf <file> or --leaf-hash <hash>');
  }
  const leaf: LeafInput =
    values.leaf !== undefined
      ? { data: await readInput(values.leaf, 'leaf file') }
      : { hash: parseLeafHash(values['leaf-hash']!) };
  const receipt = await readText(positionals[0]!, 'receipt file');
  const result = verifyReceipt(receipt, leaf, keys, { ...originOption(values.origin), hasher: nodeHasher });
  const hash = 'hash' in leaf ? leaf.hash : nodeHasher.leaf(leaf.data);
  out('inclusion OK');
  out(`entry:     ${result.index}`);
  out(`leaf hash: ${toBase64(hash)}`);
  out(`log:       ${result.checkpoint.origin}`);
  out(`size:      ${result.checkpoint.size}`);
  out(`root:      ${toBase64(result.checkpoint.rootHash)}`);
  return EXIT.VALID;
}
