import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The core must run in browsers (the portal verifies proofs client-side, so the public need not trust the
 * server). Walk every module reachable from index.ts and fail on Node-only imports or globals.
 */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      visit(path.resolve(path.dirname(file), `${m[1]}.ts`));
    }
  };
  visit(entry);
  return seen;
}

const stripComments = (s: string): string => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('the exported core', () => {
  const modules = reachable(path.join(__dirname, 'index.ts'));

  it('reaches all the core modules and none of the CLI', () => {
    const names = [...modules.keys()].map((f) => path.relative(__dirname, f));
    expect(names).toEqual(expect.arrayContaining(['note.ts', 'receipt.ts', 'memory-tree.ts', 'verify-consistency.ts']));
    expect(names.filter((n) => n.startsWith('cli'))).toEqual([]);
  });

  it.each([...modules.entries()].map(([f, s]) => [path.basename(f), s]))(
    '%s uses no Node-only API',
    (_name, source) => {
      const code = stripComments(source);
      const specifiers = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      expect(specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('@noble/'))).toEqual([]);
      expect(code).not.toMatch(/\b(Buffer|process|require|__dirname)\b/);
    },
  );
});
