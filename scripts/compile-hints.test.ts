import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addCompileHints, COMPILE_HINT } from './compile-hints.js';

let nextDir: string;
beforeEach(() => {
  nextDir = mkdtempSync(path.join(tmpdir(), 'writ-next-'));
  mkdirSync(path.join(nextDir, 'static/chunks'), { recursive: true });
});
afterEach(() => rmSync(nextDir, { recursive: true, force: true }));

function build(files: Record<string, string>, manifest: unknown): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(nextDir, name), text);
  writeFileSync(path.join(nextDir, 'build-manifest.json'), JSON.stringify(manifest));
}
const read = (name: string) => readFileSync(path.join(nextDir, name), 'utf8');

describe('addCompileHints', () => {
  it('marks the framework chunks that every page runs at load, and leaves page chunks and polyfills alone', () => {
    build(
      {
        'static/chunks/react.js': 'var a=1;',
        'static/chunks/runtime.js': '(()=>{})();',
        'static/chunks/page.js': 'var page=1;',
        'static/chunks/polyfills.js': '!function(){}();',
      },
      {
        rootMainFiles: ['static/chunks/react.js', 'static/chunks/runtime.js'],
        polyfillFiles: ['static/chunks/polyfills.js'],
      },
    );
    expect(addCompileHints(nextDir)).toEqual(['static/chunks/react.js', 'static/chunks/runtime.js']);
    expect(read('static/chunks/react.js')).toBe(`${COMPILE_HINT}var a=1;`);
    expect(read('static/chunks/runtime.js')).toBe(`${COMPILE_HINT}(()=>{})();`);
    expect(read('static/chunks/page.js')).toBe('var page=1;');
    expect(read('static/chunks/polyfills.js')).toBe('!function(){}();');
  });

  it('changes nothing the second time', () => {
    build({ 'static/chunks/react.js': 'var a=1;' }, { rootMainFiles: ['static/chunks/react.js'] });
    addCompileHints(nextDir);
    expect(addCompileHints(nextDir)).toEqual([]);
    expect(read('static/chunks/react.js')).toBe(`${COMPILE_HINT}var a=1;`);
  });

  it('refuses a build without a manifest, or one that names no framework chunks, saying what is wrong', () => {
    expect(() => addCompileHints(nextDir)).toThrow(/build-manifest\.json is missing: run next build first/);
    build({}, { rootMainFiles: [] });
    expect(() => addCompileHints(nextDir)).toThrow(/names no rootMainFiles/);
  });

  it('writes nothing at all when the manifest names a file outside the build', () => {
    writeFileSync(path.join(path.dirname(nextDir), 'outside.js'), 'var x;');
    build({ 'static/chunks/react.js': 'var a=1;' }, { rootMainFiles: ['static/chunks/react.js', '../outside.js'] });
    expect(() => addCompileHints(nextDir)).toThrow(/"\.\.\/outside\.js" is not a script inside/);
    expect(readFileSync(path.join(path.dirname(nextDir), 'outside.js'), 'utf8')).toBe('var x;');
    expect(read('static/chunks/react.js')).toBe('var a=1;');
    rmSync(path.join(path.dirname(nextDir), 'outside.js'));
  });
});
