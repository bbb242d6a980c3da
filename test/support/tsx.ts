// TypeScript scripts as child processes, the way `npx tsx script.ts` runs them but without two of its process
// starts: npx (npm's own start-up, about 0.6 s of CPU) and tsx's launcher, which only starts node again with the
// same loader. The suites spawn scripts and the writ-verify CLI dozens of times, twice in CI (issue 12).
/**
 * `[command, args]` for spawn/execFile: node with tsx's loader, running `script` (a path from the repository root).
 * Spawn it with `cwd` at the repository root, where `--import tsx` finds the package.
 */
export function tsx(script: string, ...args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', script, ...args]];
}
