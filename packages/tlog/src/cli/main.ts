#!/usr/bin/env node
/**
 * writ-verify: the offline verifier for Writ's transparency log (Node only; not part of the pure core).
 * Exit codes are documented in help.ts and exit-codes.ts.
 */
import { TlogError } from '../errors.js';
import { auditCommand } from './commands/audit.js';
import { checkpointCommand } from './commands/checkpoint.js';
import { consistencyCommand } from './commands/consistency.js';
import { inclusionCommand } from './commands/inclusion.js';
import { packageCommand } from './commands/package.js';
import { reportCommand } from './commands/report.js';
import { EXIT, IncompleteError, UsageError } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import { invalid, out } from './report.js';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  checkpoint: checkpointCommand,
  inclusion: inclusionCommand,
  consistency: consistencyCommand,
  audit: auditCommand,
  package: packageCommand,
  report: reportCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out(MAIN_HELP);
    return EXIT.VALID;
  }
  const run = command === undefined ? undefined : COMMANDS[command];
  try {
    if (!run) {
      throw new UsageError(command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`);
    }
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = run ? `writ-verify ${command} --help` : 'writ-verify --help';
      process.stderr.write(`writ-verify: ${e.message}\nRun '${hint}' for usage.\n`);
      return EXIT.USAGE;
    }
    if (e instanceof TlogError) {
      invalid(e.message);
      return EXIT.INVALID;
    }
    if (e instanceof IncompleteError) {
      process.stderr.write(`writ-verify: could not complete the check: ${e.message}\n`);
      return EXIT.INCOMPLETE;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`writ-verify: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.INCOMPLETE;
  },
);
