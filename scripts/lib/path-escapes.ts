import path from 'node:path';

// A clone must stand alone (issue 12): no tracked file may send a reader or a test to a path outside the
// repository. Pure, so the unit test can feed it text; scripts/check-paths.ts runs it over the tracked files.

export interface PathEscape {
  /** 1-based line number in the file. */
  line: number;
  /** The path as written. */
  path: string;
  why: string;
}

/** A line holding this marker is not checked (for text that must quote an escaping path, such as this checker's tests). */
export const ALLOW_MARKER = 'check-paths: allow';

/** Within a file's first five lines, this marker exempts the whole file (the checker's own test, made of examples). */
export const ALLOW_FILE_MARKER = 'check-paths: allow-file';

// Where the design specs and test vectors used to live, beside the repository. Named outright because a reference
// written relative to the wrong folder (prisma/schema.prisma climbed one folder, not two, to reach the specs) may
// resolve inside the repository and still lead nowhere in a clone.
const OUTSIDE_FOLDERS = /(?<![\w.-])(?:\.\.\/)*shared\/(?:design|vectors)\b[^\s'"`()<>[\]{},;]*/g;

// Absolute paths of the machine the project was first built on.
const ABSOLUTE = /(?<![\w.:/-])\/work\/[^\s'"`()<>[\]{},;]*/g;

// A relative path: one or more ./ or ../ steps at the start of a token. A token inside a longer path (a/../b) or a
// URL is left alone; only the leading steps can climb out.
const RELATIVE = /(?<![\w.~$/@-])(?:\.{1,2}\/)+[^\s'"`()<>[\]{},;:*]*/g;

/**
 * Every path in `text` (the content of the tracked file `file`, relative to the repository root, `/`-separated)
 * that leaves the repository: relative paths resolved against the file's own folder, as imports and Markdown
 * links are, and failing only when they climb above the root; the old folders beside the repository; absolute
 * paths into the work folder of the machine the project was first built on.
 */
export function findPathEscapes(file: string, text: string): PathEscape[] {
  const folder = path.posix.dirname(file);
  const found: PathEscape[] = [];
  const lines = text.split('\n');
  if (lines.slice(0, 5).some((line) => line.includes(ALLOW_FILE_MARKER))) return found;
  lines.forEach((content, index) => {
    if (content.includes(ALLOW_MARKER)) return;
    const line = index + 1;
    const seen = new Set<string>();
    const add = (token: string, why: string): void => {
      // A path that ends a sentence: the full stop is not part of it.
      const written = token.replace(/(?<=\w)\.+$/, '');
      if (seen.has(written)) return;
      seen.add(written);
      found.push({ line, path: written, why });
    };
    for (const match of content.matchAll(OUTSIDE_FOLDERS)) {
      add(match[0], 'names the specs or vectors folder that lived beside the repository; use docs/ or test/vectors/');
    }
    for (const match of content.matchAll(ABSOLUTE)) add(match[0], 'is an absolute path on one machine');
    for (const match of content.matchAll(RELATIVE)) {
      const written = match[0].replace(/(?<=\w)\.+$/, '');
      const resolved = path.posix.normalize(path.posix.join(folder, written));
      if (resolved === '..' || resolved.startsWith('../')) {
        add(written, `resolves from ${folder === '.' ? 'the root' : `${folder}/`} to outside the repository`);
      }
    }
  });
  return found;
}
