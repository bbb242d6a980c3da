// npm run build: Prisma client, the workspace packages and the API (tsc -b), the OpenAPI document, then the portal
// (next build).
import { spawnSync } from 'node:child_process';
import { markBuilt, ROOT } from './lib/build-state.mjs';

function run(label, command, args, cwd = ROOT) {
  const started = Date.now();
  process.stdout.write(`build: ${label}…\n`);
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    // A production build whoever calls it (jest's global setup runs with NODE_ENV=test): next.config.ts's headers,
    // HSTS among them, are fixed at build time.
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write(`build: ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'Usage: npm run build\nBuilds the Prisma client, packages/*, apps/api, docs/openapi.json, apps/portal and its server.\n',
  );
  process.exit(0);
}
run('prisma client', process.execPath, ['scripts/prisma-generate.mjs']);
run('packages and API', 'npx', [
  '--no-install',
  'tsc',
  '-b',
  'packages/contracts',
  'packages/policy',
  'packages/tlog',
  'apps/api',
]);
// The OpenAPI document as a file too (docs/openapi.json), for releases; npm run lint fails when it is stale.
run('OpenAPI document', 'npx', ['--no-install', 'tsx', '--tsconfig', 'tsconfig.tools.json', 'scripts/openapi.ts']);
run('portal', 'npx', ['--no-install', 'next', 'build', 'apps/portal']);
// React's and Next.js's chunks compiled off the main thread on a first visit (scripts/compile-hints.ts says why).
run('portal compile hints', 'npx', [
  '--no-install',
  'tsx',
  '--tsconfig',
  'tsconfig.tools.json',
  'scripts/compile-hints.ts',
]);
// The portal's server (apps/portal/server: Next.js plus the public page cache), compiled to apps/portal/dist.
run('portal server', 'npx', ['--no-install', 'tsc', '-p', 'apps/portal/tsconfig.server.json']);
markBuilt();
