/**
 * Errors thrown by the log library. Verifiers throw instead of returning booleans so that a caller cannot
 * forget to check the result, and every error carries a stable `code` (for programs) and a message that says
 * what is wrong (for people reading an auditor's output).
 */
export class TlogError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A proof, signature or checkpoint did not verify: the data does not prove what it claims. */
export class VerificationError extends TlogError {}

/** Input text or bytes are not in the format the standard prescribes (checkpoint, note, receipt, key, bundle). */
export class FormatError extends TlogError {}
