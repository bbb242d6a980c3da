import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { FormatError } from '../errors.js';
import { UsageError } from './exit-codes.js';

export const MANIFEST_FILE = 'manifest.note';
/** The manifest is text of a few kilobytes per target; anything far larger is not a Writ manifest. */
const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;

/** A package as the verifier sees it: the manifest's bytes, and every other file's size and SHA-256, streamed. */
export interface PackageContents {
  manifest: Uint8Array;
  files: Map<string, { size: number; sha256: string }>;
}

async function digest(stream: Readable, limit?: number): Promise<{ size: number; sha256: string; bytes?: Buffer }> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    hash.update(buffer);
    if (limit !== undefined) {
      if (size > limit) throw new FormatError('BAD_PACKAGE', `${MANIFEST_FILE} is larger than ${limit} bytes`);
      kept.push(buffer);
    }
  }
  return { size, sha256: hash.digest('hex'), ...(limit === undefined ? {} : { bytes: Buffer.concat(kept) }) };
}

function fromEntries(entries: Map<string, { size: number; sha256: string; bytes?: Buffer }>): PackageContents {
  const manifest = entries.get(MANIFEST_FILE)?.bytes;
  if (!manifest) throw new FormatError('BAD_PACKAGE', `the package has no ${MANIFEST_FILE}`);
  entries.delete(MANIFEST_FILE);
  return { manifest, files: new Map([...entries].map(([name, e]) => [name, { size: e.size, sha256: e.sha256 }])) };
}

/** An unpacked package: the files directly in the folder (sub-folders are not part of a package). */
async function readDirectory(dir: string): Promise<PackageContents> {
  const entries = new Map<string, { size: number; sha256: string; bytes?: Buffer }>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile())
      throw new FormatError('BAD_PACKAGE', `unexpected ${JSON.stringify(entry.name)} in the package folder`);
    const file = path.join(dir, entry.name);
    if (entry.name === MANIFEST_FILE) {
      const bytes = await readFile(file);
      if (bytes.length > MANIFEST_MAX_BYTES) throw new FormatError('BAD_PACKAGE', `${MANIFEST_FILE} is too large`);
      entries.set(entry.name, { size: bytes.length, sha256: '', bytes });
    } else {
      entries.set(entry.name, await digest(createReadStream(file)));
    }
  }
  return fromEntries(entries);
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(new FormatError('BAD_PACKAGE', `not a readable zip file: ${error.message}`)) : resolve(zip),
    ),
  );
}

/** A zip, read entry by entry (yauzl checks each entry's size and CRC as it inflates it). */
async function readZip(file: string): Promise<PackageContents> {
  const zip = await openZip(file);
  const entries = new Map<string, { size: number; sha256: string; bytes?: Buffer }>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(new FormatError('BAD_PACKAGE', `damaged zip file: ${error.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.includes('/') || entries.has(name)) {
          reject(new FormatError('BAD_PACKAGE', `unexpected zip entry ${JSON.stringify(name)}`));
          return;
        }
        zip.openReadStream(entry, (error, stream) => {
          if (error) {
            reject(new FormatError('BAD_PACKAGE', `cannot read ${name}: ${error.message}`));
            return;
          }
          digest(stream, name === MANIFEST_FILE ? MANIFEST_MAX_BYTES : undefined).then(
            (result) => {
              entries.set(name, result);
              zip.readEntry();
            },
            (e: unknown) =>
              reject(
                e instanceof FormatError
                  ? e
                  : new FormatError('BAD_PACKAGE', `damaged entry ${name}: ${(e as Error).message}`),
              ),
          );
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return fromEntries(entries);
}

/** A package given as a zip file or as the folder it was unpacked into. */
export async function readPackage(where: string): Promise<PackageContents> {
  let kind: 'dir' | 'file';
  try {
    kind = (await stat(where)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    throw new UsageError(
      `cannot read package ${JSON.stringify(where)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return kind === 'dir' ? readDirectory(where) : readZip(where);
}
