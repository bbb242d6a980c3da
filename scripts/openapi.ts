// npm run openapi: writes the OpenAPI document to docs/openapi.json, so it ships with releases and changes show in
// review. `--check` (part of npm run lint, so CI) fails when the committed copy differs from what the contracts
// generate, then lints it with Redocly's recommended rules and fails on any error or warning.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OPENAPI_FILE = 'docs/openapi.json';

/**
 * Formatted as `prettier --check` wants it, so lint agrees and a change reads well in a diff. Indented with tabs
 * (.prettierrc.json): two spaces per level would add a third to the file's size.
 */
async function openApiFileText(file: string): Promise<string> {
  const options = await prettier.resolveConfig(file);
  return prettier.format(JSON.stringify(buildOpenApiDocument()), { ...options, filepath: file });
}

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

/** Redocly exits non-zero only on errors; warnings (and ignored problems) count as failures here too. */
function lint(file: string): boolean {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      // Offline and quiet: no usage telemetry, no look-up of a newer version.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const start = result.stdout.indexOf('{');
  if (start < 0) {
    process.stderr.write(`openapi: Redocly gave no report (exit ${result.status}):\n${result.stderr}`);
    return false;
  }
  const report = JSON.parse(result.stdout.slice(start)) as { totals: { ignored: number }; problems: RedoclyProblem[] };
  for (const problem of report.problems) {
    const where = problem.location[0]?.pointer ?? '';
    process.stderr.write(`openapi: ${problem.severity} ${problem.ruleId} at ${where}: ${problem.message}\n`);
  }
  if (report.problems.length > 0) {
    process.stderr.write(`openapi: Redocly found ${report.problems.length} problem(s) in ${file}\n`);
    return false;
  }
  // A lint-ignore file would hide problems rather than fix them.
  if (report.totals.ignored > 0) {
    process.stderr.write(`openapi: ${report.totals.ignored} Redocly problem(s) are ignored; fix them instead\n`);
    return false;
  }
  process.stdout.write(`openapi: ${file} passes Redocly's recommended rules\n`);
  return true;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(
      'Usage: npm run openapi [-- --check]\n' +
        `Writes the OpenAPI document generated from the contracts to ${OPENAPI_FILE}.\n` +
        "--check: write nothing; fail if the file is stale, then lint it with Redocly's recommended rules.\n",
    );
    return;
  }
  const file = path.join(ROOT, OPENAPI_FILE);
  const text = await openApiFileText(file);
  if (!process.argv.includes('--check')) {
    writeFileSync(file, text);
    process.stdout.write(`openapi: wrote ${OPENAPI_FILE} (${Buffer.byteLength(text)} bytes)\n`);
    return;
  }
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    process.stderr.write(
      `openapi: ${OPENAPI_FILE} is stale: the contracts generate a different document. Run \`npm run openapi\` ` +
        'and commit the result.\n',
    );
    process.exit(1);
  }
  process.stdout.write(`openapi: ${OPENAPI_FILE} is up to date\n`);
  if (!lint(OPENAPI_FILE)) process.exit(1);
}

await main();
