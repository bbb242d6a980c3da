/** Exit codes of writ-verify. Scripts branch on them, so they never change meaning. */
export const EXIT = {
  /** Everything checked verifies. */
  VALID: 0,
  /** Something does not verify: a signature, a proof, a root, or data the server served. */
  INVALID: 1,
  /** The command line is wrong: unknown command or flag, missing argument, malformed key, unreadable file. */
  USAGE: 2,
  /** The check could not be completed: network failure, timeout, HTTP error status, or an internal error. */
  INCOMPLETE: 3,
} as const;

/** A command-line mistake: reported with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

/** The server could not be reached or answered with an HTTP error: exit code 3, never "valid" nor "invalid". */
export class IncompleteError extends Error {}
