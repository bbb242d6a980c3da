// Shared arrangements for the disclosure suites: a request carried through intake, signature verification (two
// people) and recorded decisions over HTTP; the zip a download returns, unpacked; the offline verifier run as a
// child process, as an authority would run it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import type { TestStaff } from '../support/auth';
import { decidedRequest as decided } from '../support/cast';
import type { CourtPki } from '../support/court-pki';
import { ROOT } from '../support/postgres';
import type { TestApp } from '../support/test-app';

export interface People {
  intake: TestStaff;
  reviewer: TestStaff;
  approver: TestStaff;
}

/** A request with a signed order, verified by two people, its decisions recorded: DECIDED (support/cast.ts). */
export function decidedRequest(
  t: Pick<TestApp, 'url'>,
  pki: CourtPki,
  people: People,
  courtId: string,
  order: Record<string, unknown>,
): Promise<string> {
  return decided(t, { pki, ...people, court: { id: courtId } }, order);
}

/** The entries of a zip, by name. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Writes the entries into a fresh folder (the "unpacked package" form writ-verify accepts). */
export function unpack(entries: Map<string, Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-package-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of entries) writeFileSync(path.join(dir, name), bytes);
  return dir;
}

/** `writ-verify package --key <key> <target>` from the sources, in a child process. */
export function writVerifyPackage(
  key: string,
  target: string,
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'packages/tlog/src/cli/main.ts'), 'package', '--key', key, target],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
