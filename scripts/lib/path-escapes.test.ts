// check-paths: allow-file (the examples below quote escaping paths on purpose)
import fc from 'fast-check';
import { ALLOW_FILE_MARKER, ALLOW_MARKER, findPathEscapes } from './path-escapes.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

const paths = (file: string, text: string): string[] => findPathEscapes(file, text).map((e) => e.path);

// The old folder beside the repository, spelt in pieces so that a plain grep of the tree for it finds only real
// references, never these examples.
const SHARED = ['shared', 'design'].join('/');
const VECTORS = ['shared', 'vectors', 'merkle'].join('/');

describe('findPathEscapes', () => {
  it('names the line and the path of a reference to the specs beside the repository', () => {
    const text = ['# Writ', '', `Read the specs in \`../${SHARED}/\` first.`].join('\n');
    expect(findPathEscapes('CONTRIBUTING.md', text)).toEqual([
      expect.objectContaining({ line: 3, path: `../${SHARED}/` }),
    ]);
  });

  it('catches a spec reference that resolves inside the repository but leads nowhere in a clone', () => {
    // From prisma/, one ../ lands on <repo>/shared/…: inside the root, yet the folder was only ever outside.
    const text = `// Names follow ../${SHARED}/DOMAIN.md. Constraints…`;
    expect(paths('prisma/schema.prisma', text)).toEqual([`../${SHARED}/DOMAIN.md`]);
  });

  it('catches the old vectors path of the Merkle test and relative paths that climb above the root', () => {
    const vectors = `path.resolve(__dirname, '../../../../${VECTORS}');`;
    expect(paths('packages/tlog/src/vectors.test.ts', vectors)).toEqual([`../../../../${VECTORS}`]);
    expect(paths('packages/policy/README.md', 'enforces [the policy](../../../POLICY.md)')).toEqual([
      '../../../POLICY.md',
    ]);
    expect(paths('README.md', 'a sibling checkout: ../other-repo/notes.md')).toEqual(['../other-repo/notes.md']);
    expect(paths('packages/tlog/src/cli/cli.test.ts', "path.resolve(__dirname, '../../../../..')")).toEqual([
      '../../../../..',
    ]);
  });

  it('catches absolute paths into the first build machine’s work folder', () => {
    const text = 'cp -r /work/main/docs ./docs';
    expect(paths('scripts/x.sh', text)).toEqual(['/work/main/docs']);
  });

  it('accepts relative imports and links that stay inside the repository', () => {
    const text = [
      "import { opensslIn } from '../../../../test/support/openssl-ca';",
      "const REPO = path.resolve(__dirname, '../../../..');",
      'See [the policy](../../docs/POLICY.md) and ./docs/TLOG.md.',
    ].join('\n');
    expect(findPathEscapes('apps/api/src/verification/signatures.test.ts', text)).toEqual([]);
    expect(findPathEscapes('docs/STYLE.md', 'Read [the domain](../docs/DOMAIN.md) and `docs/POLICY.md`.')).toEqual([]);
  });

  it('leaves URLs, paths inside longer paths, ellipses and system paths alone', () => {
    const text = [
      'https://example.com/work/x and https://example.com/../x',
      'packages/tlog/../policy/src/decide.ts',
      'wait... /usr/bin/chromium --headless',
      'node_modules/.prisma/client',
    ].join('\n');
    expect(findPathEscapes('README.md', text)).toEqual([]);
  });

  it('skips a line that carries the allow marker, and a file that says so in its first lines', () => {
    expect(findPathEscapes('README.md', `../../outside ${ALLOW_MARKER}`)).toEqual([]);
    expect(paths('README.md', '../../outside')).toEqual(['../../outside']);
    expect(findPathEscapes('README.md', `# ${ALLOW_FILE_MARKER}\n\n../../outside`)).toEqual([]);
    const late = `${'\n'.repeat(5)}# ${ALLOW_FILE_MARKER}\n../../outside`;
    expect(paths('README.md', late)).toEqual(['../../outside']);
  });

  it('flags a relative path exactly when it climbs more folders than the file is deep (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
    fc.assert(
      fc.property(
        fc.array(name, { maxLength: 5 }),
        fc.nat({ max: 7 }),
        fc.array(name, { minLength: 1, maxLength: 3 }),
        (folders, ups, rest) => {
          const file = [...folders, 'file.ts'].join('/');
          const written = '../'.repeat(ups) + rest.join('/');
          const found = paths(file, `import x from '${written}';`);
          if (ups > folders.length) expect(found).toEqual([written]);
          else expect(found).toEqual([]);
        },
      ),
      { numRuns },
    );
  });
});
