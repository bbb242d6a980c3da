/** Help texts. Kept next to each other so the commands and their flags read as one manual. */

export const EXIT_CODES_HELP = `Exit codes:
  0  valid: everything checked verifies
  1  invalid: a signature, proof, root or package file does not verify, or the server served data that contradicts
     its signed checkpoint (the message says what is wrong)
  2  usage error: unknown command or flag, missing argument, malformed --key, unreadable file
  3  could not check: network error, timeout or HTTP error status from --server, or an internal
     error (nothing was verified)`;

const KEY_HELP = `  --key <vkey>      trusted log verifier key, <name>+<key id>+<base64 key> (repeatable: during a key
                    rotation pass the old and the new key). Never taken from the server.
  --origin <origin> also require the checkpoint's origin line to equal this log name`;

export const MAIN_HELP = `writ-verify — offline verifier for Writ's transparency log

Usage: writ-verify <command> [options]

Commands:
  checkpoint    check a signed checkpoint and print its origin, size and root
  inclusion     check a tlog-proof receipt: the entry is in the log under a signed checkpoint
  consistency   check that a newer checkpoint extends an older one (no history rewritten)
  audit         download every entry from a server, recompute the root, compare with the signed checkpoint
  package       check a disclosure package: its signed manifest and every file's SHA-256
  report        recount a published transparency report from the log's public leaves

Run 'writ-verify <command> --help' for the options of a command.

${EXIT_CODES_HELP}`;

export const COMMAND_HELP: Record<string, string> = {
  package: `Usage: writ-verify package --key <vkey> <package.zip|folder>

Checks a Writ disclosure package offline: the signature of manifest.note (a C2SP signed note, the same
format and key kind as the log's checkpoints; the platform publishes its package key at
/disclosures/verifier-key), then that every file the manifest lists is there with exactly its signed size
and SHA-256, and that the package holds no other file. Prints the request, the policy hash, the decisions
and the item counts per category and target. Takes the zip as downloaded, or the folder it was unpacked into.

Options:
  --key <vkey>      trusted package verifier key, <name>+<key id>+<base64 key> (repeatable)
  -h, --help        show this help

${EXIT_CODES_HELP}`,

  checkpoint: `Usage: writ-verify checkpoint --key <vkey> [--key <vkey> ...] <file|->

Checks the signature of a signed checkpoint (C2SP tlog-checkpoint + signed-note) and prints its origin,
tree size and root hash. Reads standard input when the file is '-'.

Options:
${KEY_HELP}
  -h, --help        show this help

${EXIT_CODES_HELP}`,

  inclusion: `Usage: writ-verify inclusion --key <vkey> <receipt-file|-> (--leaf <file> | --leaf-hash <hex|base64>)

Checks a C2SP tlog-proof@v1 receipt offline: the checkpoint inside must be signed by a trusted key, and the
inclusion proof must place the entry at the receipt's index under that checkpoint's root.

Options:
${KEY_HELP}
  --leaf <file>       the entry's exact bytes (hashed as SHA-256(0x00 || bytes))
  --leaf-hash <hash>  the entry's leaf hash instead, as 64 hex digits or base64
  -h, --help          show this help

${EXIT_CODES_HELP}`,

  consistency: `Usage: writ-verify consistency --key <vkey> <old-checkpoint> <new-checkpoint> (--proof <file> | --server <url>)

Checks both checkpoint signatures and a consistency proof showing that the new tree extends the old one.
The proof file holds the base64 hashes one per line, or the JSON {"first","second","proof"} the server
returns. With --server the proof is fetched from <url>/log/proof/consistency.

Options:
${KEY_HELP}
  --proof <file>    consistency proof file
  --server <url>    fetch the proof from this Writ server
  -h, --help        show this help

${EXIT_CODES_HELP}`,

  audit: `Usage: writ-verify audit --server <url> --key <vkey> [--checkpoint <file>] [--quiet]

Full audit: fetches the latest signed checkpoint, downloads every entry (<url>/log/entries), recomputes the
Merkle root and compares it with the signed one. With --checkpoint, also proves that a checkpoint you kept
earlier is consistent with the latest one, which catches a log that was truncated or rebuilt. When the
leaves disagree with the checkpoint, the first differing entry is located with consistency proofs.
Progress goes to standard error. Memory use is about 64 bytes per entry.

Options:
${KEY_HELP}
  --server <url>       the Writ server (its /log/* endpoints)
  --checkpoint <file>  a signed checkpoint kept from an earlier audit or receipt
  --quiet              no progress output
  -h, --help           show this help

${EXIT_CODES_HELP}`,
  report: `Usage: writ-verify report <report.json> (--server <url> --key <vkey> | --leaves <file>)

Recounts a published transparency report (report.json of one version, as downloaded) from the log alone:
replays every request and delivery event up to the report's countedAt, counts the requests received in its
period by country and legal process (received, accounts specified, accounts disclosed, IP address and phone
number disclosures, each outcome, emergencies, gag orders in force, users notified, the share with data
disclosed and the DSA Art. 10 medians) and the DSA table's orders, and checks each printed cell against the
recount: an exact number must be equal, "1–<t−1>" must stand for 1 to t−1, "≥t" for at least t. Names every
cell that differs. The disclosure figures come from the delivery events (disclosure.downloaded,
disclosure.exported), which state what each package released; a row with a delivery logged before those
events carried counts is named as not recounted for those three figures, never guessed.
With --server the leaves are checked against the signed checkpoint first; --leaves takes a file of leaves,
one per line.

Options:
${KEY_HELP}
  --server <url>       the Writ server (its /log/* endpoints)
  --leaves <file>      leaves instead of a server, one canonical JSON leaf per line
  -h, --help           show this help

${EXIT_CODES_HELP}`,
};
