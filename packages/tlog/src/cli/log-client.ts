import {
  ApiError,
  type CallOptions,
  callRoute,
  fetchRoute,
  GetConsistencyProof,
  GetEntries,
  GetLatestCheckpoint,
  type ProducingRoute,
  type RouteInput,
} from '@writ/contracts';
import { fromBase64 } from '../base64.js';
import { decodeEntryBundle } from '../entry-bundle.js';
import { FormatError } from '../errors.js';
import { IncompleteError } from './exit-codes.js';

/**
 * Client for the log's HTTP API, through the route contracts in packages/contracts/src/log (the same the API
 * serves). Transport failures and HTTP error statuses raise IncompleteError (exit 3: nothing was verified); a 200
 * response whose body is malformed raises FormatError (exit 1: the server served invalid data).
 */

const TIMEOUT_MS = 60_000;
/** The server returns at most this many entries per request (tlog-tiles bundles are 256; we allow more). */
export const MAX_ENTRIES_PER_REQUEST = 10_000;

/** What the client's errors say about a call: its method and address, as an operator would retry it. */
function describe(route: { method: string; path: string }, server: string, detail = ''): string {
  return `${route.method.toUpperCase()} ${server}${route.path}${detail}`;
}

/** The contract client's errors in the verifier's terms (exit codes 1 and 3), everything else as it came. */
function translate(error: unknown, what: string): Error {
  if (error instanceof ApiError) {
    if (error.code === 'UNEXPECTED_RESPONSE' && error.status >= 200 && error.status < 300) {
      return new FormatError('BAD_RESPONSE', `${what}: ${error.message}`);
    }
    if (error.code === 'UNREACHABLE') {
      const cause =
        (error.cause as { cause?: { code?: string; message?: string }; message?: string } | undefined) ?? {};
      return new IncompleteError(`${what} failed: ${cause.cause?.code ?? cause.cause?.message ?? cause.message}`);
    }
    return new IncompleteError(`${what} returned HTTP ${error.status}`);
  }
  // No answer in time, or cancelled (close()): the fetch's own abort error.
  return new IncompleteError(`${what} failed: ${(error as Error).message}`);
}

async function body(what: string, response: Response): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new IncompleteError(`${what}: connection lost while reading the response (${(e as Error).message})`);
  }
}

export class LogClient {
  private readonly cancel = new AbortController();

  constructor(readonly server: string) {}

  /** Aborts requests still in flight (prefetches an audit no longer needs). */
  close(): void {
    this.cancel.abort();
  }

  private options(): CallOptions {
    return { baseUrl: this.server, signal: AbortSignal.any([this.cancel.signal, AbortSignal.timeout(TIMEOUT_MS)]) };
  }

  private async bytes<const R extends ProducingRoute>(
    route: R,
    input: RouteInput<R>,
    what: string,
  ): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetchRoute(route, input, this.options());
    } catch (error) {
      throw translate(error, what);
    }
    return body(what, response);
  }

  /** The latest signed checkpoint, as text (verification is the caller's job). */
  async latestCheckpoint(): Promise<string> {
    const what = describe(GetLatestCheckpoint, this.server);
    return new TextDecoder().decode(await this.bytes(GetLatestCheckpoint, {}, what));
  }

  async consistencyProof(first: number, second: number): Promise<Uint8Array[]> {
    const what = describe(GetConsistencyProof, this.server, `?first=${first}&second=${second}`);
    let json: unknown;
    try {
      json = await callRoute(GetConsistencyProof, { query: { first, second } }, this.options());
    } catch (error) {
      throw translate(error, what);
    }
    return parseProofJson(json, first, second, what);
  }

  /** Entries [start, end), possibly fewer than asked for (the server may cap a response). */
  async entries(start: number, end: number): Promise<Uint8Array[]> {
    const what = describe(GetEntries, this.server, `?start=${start}&end=${end}`);
    const entries = decodeEntryBundle(await this.bytes(GetEntries, { query: { start, end } }, what));
    if (entries.length > end - start) {
      throw new FormatError(
        'BAD_RESPONSE',
        `${what} returned ${entries.length} entries, more than the ${end - start} asked for`,
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
