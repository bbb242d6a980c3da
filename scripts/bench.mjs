// npm run bench: builds, then runs every benchmark in bench/ one after another (they measure the same two
// cores, so never in parallel). Each writes its JSON to bench/results/<name>.json; this prints a summary.
//   npm run bench                 all of them
//   npm run bench -- policy tlog  only those whose file name contains one of the words
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/build-state.mjs';

const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  const names = readdirSync(path.join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.ts'));
  process.stdout.write(
    `Usage: npm run bench [-- <name> …]\nBenchmarks: ${names.join(', ')}\nResults: bench/results/*.json\n`,
  );
  process.exit(0);
}
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = readdirSync(path.join(ROOT, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
  .sort();
let failed = 0;
for (const file of benches) {
  const started = Date.now();
  process.stdout.write(`\n=== bench/${file}\n`);
  const result = spawnSync('npx', ['--no-install', 'tsx', path.join('bench', file)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0)
    process.stdout.write(`ok in ${seconds} s → bench/results/${file.replace('.bench.ts', '.json')}\n`);
  else {
    failed += 1;
    process.stdout.write(`FAILED (exit ${result.status}) after ${seconds} s\n`);
  }
}
process.exit(failed ? 1 : 0);
