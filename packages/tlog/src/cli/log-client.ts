import { fromBase64 } from '../base64.js';
import { decodeEntryBundle } from '../entry-bundle.js';
import { FormatError } from '../errors.js';
import { IncompleteError } from './exit-codes.js';

/**
 * Client for the log's HTTP API (the contract in packages/tlog/README.md). Transport failures and HTTP error
 * statuses raise IncompleteError (exit 3: nothing was verified); a 200 response whose body is malformed
 * raises FormatError (exit 1: the server served invalid data).
 */

const TIMEOUT_MS = 60_000;
/** The server returns at most this many entries per request (tlog-tiles bundles are 256; we allow more). */
export const MAX_ENTRIES_PER_REQUEST = 10_000;

async function get(url: string, cancel: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    const signal = AbortSignal.any([cancel, AbortSignal.timeout(TIMEOUT_MS)]);
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new IncompleteError(`GET ${url} failed: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new IncompleteError(`GET ${url} returned HTTP ${response.status}`);
  }
  return response;
}

async function body(url: string, response: Response): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new IncompleteError(`GET ${url}: connection lost while reading the response (${(e as Error).message})`);
  }
}

export class LogClient {
  private readonly cancel = new AbortController();

  constructor(readonly server: string) {}

  /** Aborts requests still in flight (prefetches an audit no longer needs). */
  close(): void {
    this.cancel.abort();
  }

  /** The latest signed checkpoint, as text (verification is the caller's job). */
  async latestCheckpoint(): Promise<string> {
    const url = `${this.server}/log/checkpoint`;
    return new TextDecoder().decode(await body(url, await get(url, this.cancel.signal)));
  }

  async consistencyProof(first: number, second: number): Promise<Uint8Array[]> {
    const url = `${this.server}/log/proof/consistency?first=${first}&second=${second}`;
    const text = new TextDecoder().decode(await body(url, await get(url, this.cancel.signal)));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new FormatError('BAD_RESPONSE', `${url} did not return JSON`);
    }
    return parseProofJson(json, first, second, url);
  }

  /** Entries [start, end), possibly fewer than asked for (the server may cap a response). */
  async entries(start: number, end: number): Promise<Uint8Array[]> {
    const url = `${this.server}/log/entries?start=${start}&end=${end}`;
    const entries = decodeEntryBundle(await body(url, await get(url, this.cancel.signal)));
    if (entries.length > end - start) {
      throw new FormatError(
        'BAD_RESPONSE',
        `${url} returned ${entries.length} entries, more than the ${end - start} asked for`,
      );
    }
    return entries;
  }
}

/** Validates `{"first":N,"second":M,"proof":["base64",...]}` for the sizes that were asked for. */
export function parseProofJson(json: unknown, first: number, second: number, where: string): Uint8Array[] {
  const bad = (why: string): FormatError => new FormatError('BAD_RESPONSE', `consistency proof from ${where}: ${why}`);
  if (typeof json !== 'object' || json === null) throw bad('not a JSON object');
  const { first: f, second: s, proof } = json as Record<string, unknown>;
  if (f !== first || s !== second) {
    throw bad(`it is for sizes ${String(f)} → ${String(s)}, but ${first} → ${second} was needed`);
  }
  if (!Array.isArray(proof)) throw bad('"proof" is not an array');
  return proof.map((h, i) => {
    const bytes = typeof h === 'string' ? fromBase64(h) : undefined;
    if (!bytes || bytes.length !== 32) throw bad(`proof[${i}] is not the base64 of a 32-byte hash`);
    return bytes;
  });
}
