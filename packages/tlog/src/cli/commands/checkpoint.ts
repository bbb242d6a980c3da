import { openCheckpoint } from '../../checkpoint.js';
import { COMMON_OPTIONS, expectPositionals, originOption, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { readInput, verifierKeys } from '../io.js';
import { describeCheckpoint, out } from '../report.js';

export async function checkpointCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, COMMON_OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.checkpoint);
    return EXIT.VALID;
  }
  expectPositionals(positionals, ['<checkpoint file>']);
  const keys = verifierKeys(values.key);
  const text = await readInput(positionals[0]!, 'checkpoint file');
  const { checkpoint, note } = openCheckpoint(text, keys, originOption(values.origin));
  out('checkpoint signature OK');
  describeCheckpoint('', checkpoint, note);
  return EXIT.VALID;
}
