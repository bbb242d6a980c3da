// A build step after `next build`: marks the framework's chunks (React, Next.js's router and runtime: the build
// manifest's rootMainFiles, which every page runs at load) with V8's explicit compile hint, so Chromium compiles
// all their functions on its script-streaming thread while they download, instead of one by one on the main thread
// the first time each is called. On a first visit there is no code cache, and that lazy compiling was most of the
// one long task every page had: Lighthouse mobile measured blocking time 250–540 ms on the report page before and
// 100–220 ms after. Browsers that do not know the comment read it as a comment.
// Page chunks, the workers' and lazily loaded ones are left alone: compiling code that may never run costs a
// phone's battery and memory.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** Adds the hint to each of `.next`'s root main files that lacks it; returns the files changed (relative paths). */
export function addCompileHints(nextDir: string): string[] {
  const manifestFile = path.join(nextDir, 'build-manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run next build first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { rootMainFiles?: unknown };
  const files = manifest.rootMainFiles;
  if (!Array.isArray(files) || files.length === 0 || !files.every((file) => typeof file === 'string')) {
    throw new Error(`${manifestFile} names no rootMainFiles: has Next.js changed its build manifest?`);
  }
  // Every path is checked before any file is written: a bad manifest changes nothing.
  const targets = (files as string[]).map((file) => {
    const target = path.resolve(nextDir, file);
    // The manifest is the build's own, but a path out of .next would be a broken build: refuse rather than write.
    if (!target.startsWith(path.resolve(nextDir) + path.sep) || !target.endsWith('.js')) {
      throw new Error(`${manifestFile}: "${file}" is not a script inside ${nextDir}`);
    }
    return { file, target };
  });
  const changed: string[] = [];
  for (const { file, target } of targets) {
    const code = readFileSync(target, 'utf8');
    // Idempotent, so running the step twice (or on an unchanged build) changes nothing.
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(target, COMPILE_HINT + code);
    changed.push(file);
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(
      'Usage: tsx scripts/compile-hints.ts [next-dir]\n' +
        "Marks the built portal's framework chunks for eager compiling (default next-dir: apps/portal/.next).\n",
    );
    process.exit(0);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const nextDir = path.resolve(root, process.argv[2] ?? 'apps/portal/.next');
  try {
    const changed = addCompileHints(nextDir);
    process.stdout.write(`compile hints: ${changed.length} framework chunk(s) marked for eager compiling\n`);
  } catch (error) {
    process.stderr.write(`compile hints: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
