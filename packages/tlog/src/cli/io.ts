import { readFile } from 'node:fs/promises';
import { fromBase64 } from '../base64.js';
import { fromHex } from '../bytes.js';
import { TlogError } from '../errors.js';
import { parseVerifierKey, type NoteVerifier } from '../note-keys.js';
import { UsageError } from './exit-codes.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads a file, or standard input for '-'. An unreadable file is a usage error (exit 2). */
export async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return path === '-' ? await readStdin() : await readFile(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`cannot read ${what} ${JSON.stringify(path)}: ${reason}`);
  }
}

export async function readText(path: string, what: string): Promise<string> {
  const bytes = await readInput(path, what);
  return new TextDecoder().decode(bytes);
}

/** Parses the --key flags; at least one is required. */
export function verifierKeys(keys: readonly string[] | undefined): NoteVerifier[] {
  if (!keys || keys.length === 0) throw new UsageError('at least one --key <verifier key> is required');
  return keys.map((k) => {
    try {
      return parseVerifierKey(k);
    } catch (e) {
      if (e instanceof TlogError) throw new UsageError(`--key ${JSON.stringify(k)}: ${e.message}`);
      throw e;
    }
  });
}

/** A leaf hash given on the command line: 64 hex digits or base64 of 32 bytes. */
export function parseLeafHash(text: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? fromHex(text) : fromBase64(text);
  if (!bytes || bytes.length !== 32) {
    throw new UsageError('--leaf-hash must be a 32-byte hash as 64 hex digits or base64');
  }
  return bytes;
}

/** Validates --server and returns it without a trailing slash, so paths can be appended. */
export function serverUrl(text: string | undefined): string {
  if (!text) throw new UsageError('--server <url> is required');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--server ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--server must be an http:// or https:// URL');
  }
  return url.href.replace(/\/+$/, '');
}
