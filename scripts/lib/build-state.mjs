// "Builds if needed": a fingerprint of every input of the build (sources, schema, lockfile), compared with the
// one stored after the last successful build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const INPUTS = [
  'packages',
  'apps/api/src',
  'apps/portal/app',
  'apps/portal/lib',
  'apps/portal/components',
  'apps/portal/server',
  'apps/portal/proxy.ts',
  'prisma/schema.prisma',
  'package-lock.json',
  'apps/portal/next.config.ts',
];
const SKIP = new Set(['node_modules', 'dist', '.next', 'generated', 'next-env.d.ts', 'tsconfig.tsbuildinfo']);
const STAMP = path.join(ROOT, '.data', 'build-fingerprint');
const OUTPUTS = [
  'apps/api/dist/main.js',
  'apps/portal/.next/BUILD_ID',
  'apps/portal/dist/server/main.js',
  'packages/contracts/dist/index.js',
  'apps/api/src/generated/prisma/client.ts',
];

function walk(target, hash) {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(target).sort()) if (!SKIP.has(entry)) walk(path.join(target, entry), hash);
  } else if (!target.endsWith('.test.ts')) {
    hash.update(`${path.relative(ROOT, target)}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
}

export function buildFingerprint() {
  const hash = createHash('sha256');
  for (const input of INPUTS) walk(path.join(ROOT, input), hash);
  return hash.digest('hex');
}

export function isBuildFresh() {
  if (!OUTPUTS.every((output) => existsSync(path.join(ROOT, output)))) return false;
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === buildFingerprint();
}

export function markBuilt() {
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, buildFingerprint());
}
