// `npm run lint` step: fails, naming file:line, when a tracked (or new, not ignored) file names a path outside the
// repository. The rules are in lib/path-escapes.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findPathEscapes } from './lib/path-escapes.js';

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter((file) => file !== '');

let problems = 0;
for (const file of new Set(files)) {
  const full = path.join(root, file);
  // Deleted in the working tree but still tracked, or a submodule/symlink to a folder: nothing to read.
  if (!existsSync(full) || !statSync(full).isFile()) continue;
  const bytes = readFileSync(full);
  if (bytes.includes(0)) continue; // binary (PDF, images)
  for (const escape of findPathEscapes(file, bytes.toString('utf8'))) {
    problems += 1;
    console.error(`${file}:${escape.line}: ${escape.path} ${escape.why}`);
  }
}

if (problems > 0) {
  console.error(
    `\n${problems} path(s) leave the repository. A clone has nothing beside it: cite docs/… or test/vectors/…, or ` +
      `move what is needed into the repository.`,
  );
  process.exit(1);
}
