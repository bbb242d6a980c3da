import { keyIdHex } from '../../note-keys.js';
import { openNote } from '../../note.js';
import { FormatError, VerificationError } from '../../errors.js';
import { COMMON_OPTIONS, expectPositionals, parse } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { COMMAND_HELP } from '../help.js';
import { verifierKeys } from '../io.js';
import { MANIFEST_FILE, readPackage } from '../package-files.js';
import { out } from '../report.js';

const FORMAT = 'writ-disclosure/1';
const CATEGORIES = ['IP_ADDRESS', 'PHONE_NUMBER'] as const;

/** The parts of a manifest the verifier relies on; the rest is printed as found. */
interface Manifest {
  format: string;
  reference: string;
  caseNumber: string | null;
  policyHash: string;
  preparedAt: string;
  decisions: Array<{ id: string; targetId: string; category: string; window: { start: string; end: string } | null }>;
  targets: Array<{
    id: string;
    selectorType: string;
    value: string;
    lookupResult: string;
    items: Record<string, number>;
  }>;
  items: Record<string, number>;
  files: Array<{ name: string; size: number; sha256: string }>;
}

function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError('BAD_PACKAGE', 'the signed manifest is not JSON');
  }
  const m = value as Partial<Manifest> | null;
  if (m === null || typeof m !== 'object' || m.format !== FORMAT) {
    throw new FormatError('BAD_PACKAGE', `the signed manifest is not a ${FORMAT} manifest`);
  }
  const files = m.files;
  if (
    !Array.isArray(files) ||
    files.length === 0 ||
    !files.every(
      (f) => typeof f?.name === 'string' && Number.isSafeInteger(f.size) && /^[0-9a-f]{64}$/.test(String(f.sha256)),
    ) ||
    !Array.isArray(m.decisions) ||
    !Array.isArray(m.targets)
  ) {
    throw new FormatError('BAD_PACKAGE', 'the signed manifest does not list its files, decisions and targets');
  }
  return m as Manifest;
}

/**
 * writ-verify package: the manifest's signature (a C2SP signed note, checked with the same code and key format
 * as the log's checkpoints), then every file against the size and SHA-256 the manifest gives, and nothing more or
 * less in the package. Prints what the package holds.
 */
export async function packageCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, COMMON_OPTIONS);
  if (values.help) {
    out(COMMAND_HELP.package);
    return EXIT.VALID;
  }
  expectPositionals(positionals, ['<package zip or folder>']);
  const keys = verifierKeys(values.key);
  const contents = await readPackage(positionals[0]!);
  const note = openNote(contents.manifest, keys);
  const manifest = parseManifest(note.text);
  out(`manifest signature OK: ${note.verified.map((s) => `${s.name} (${keyIdHex(s.keyId)})`).join(', ')}`);

  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of contents.files.keys()) {
    if (!listed.has(name))
      throw new VerificationError('BAD_PACKAGE', `${name} is in the package but not in the signed manifest`);
  }
  for (const file of manifest.files) {
    const found = contents.files.get(file.name);
    if (!found)
      throw new VerificationError('BAD_PACKAGE', `${file.name} is listed in the manifest but missing from the package`);
    if (found.size !== file.size || found.sha256 !== file.sha256) {
      throw new VerificationError(
        'BAD_PACKAGE',
        `${file.name} does not match the signed manifest: SHA-256 ${found.sha256} (${found.size} bytes), signed ` +
          `${file.sha256} (${file.size} bytes). The file was altered after it was signed.`,
      );
    }
    out(`${file.name}: SHA-256 OK (${file.size} bytes)`);
  }

  out(`request:     ${manifest.reference}${manifest.caseNumber ? ` (case ${manifest.caseNumber})` : ''}`);
  out(`prepared at: ${manifest.preparedAt}`);
  out(`policy hash: ${manifest.policyHash}`);
  out(`items:       ${CATEGORIES.map((c) => `${c} ${manifest.items?.[c] ?? 0}`).join(', ')}`);
  for (const target of manifest.targets) {
    const counts = CATEGORIES.map((c) => `${c} ${target.items?.[c] ?? 0}`).join(', ');
    out(`  target ${target.selectorType}:${target.value} [${target.lookupResult}]: ${counts}`);
  }
  for (const decision of manifest.decisions) {
    const window = decision.window ? ` window ${decision.window.start} .. ${decision.window.end}` : '';
    out(`  decision ${decision.id}: ${decision.category} for target ${decision.targetId}${window}`);
  }
  out(`files:       ${MANIFEST_FILE}, ${manifest.files.map((f) => f.name).join(', ')}`);
  return EXIT.VALID;
}
