import { parseVerifierKey, type NoteVerifier } from '@writ/tlog';

export interface KeyList {
  verifiers: NoteVerifier[];
  /** One message per line that is not a valid verifier key. */
  problems: string[];
}

/** Lines of the "keys you trust" field: one verifier key per line; blank lines and `#` comments are ignored. */
function keyLines(text: string): { line: number; key: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, key: raw.trim() }))
    .filter(({ key }) => key.length > 0 && !key.startsWith('#'));
}

export function parseKeyList(text: string): KeyList {
  const verifiers: NoteVerifier[] = [];
  const problems: string[] = [];
  for (const { line, key } of keyLines(text)) {
    try {
      verifiers.push(parseVerifierKey(key));
    } catch (e) {
      problems.push(`Line ${line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { verifiers, problems };
}

/** Whether two key fields hold the same set of keys, whatever their order and spacing. */
export function sameKeys(a: string, b: string): boolean {
  const set = (text: string) => [...new Set(keyLines(text).map(({ key }) => key))].sort().join('\n');
  return set(a) === set(b);
}
