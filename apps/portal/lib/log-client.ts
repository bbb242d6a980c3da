import './zod-jitless';
import { ConsistencyProofResponse, InclusionProofResponse, LogKeyResponse } from '@writ/contracts';
import { decodeEntryBundle, fromBase64 } from '@writ/tlog';

/**
 * The browser's view of the public transparency-log API, through the portal's /api/* route. Nothing here
 * verifies anything: it fetches bytes and reports plainly when the server could not be asked (`ApiProblem`), so
 * the checks can tell "could not check" apart from "does not verify".
 */

/** The API could not be asked, or refused: nothing was verified either way. */
export class ApiProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** The API answered, but with data that is not what the contract promises. */
export class MalformedAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedAnswer';
  }
}

export const MAX_ENTRIES_PER_CALL = 10_000;

async function request(path: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { cache: 'no-store', signal: signal ?? null });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiProblem('The Writ API cannot be reached right now.');
  }
  return response;
}

async function problem(response: Response): Promise<ApiProblem> {
  let message = `The API answered with HTTP ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body?.error?.message === 'string') message = `${body.error.message} (HTTP ${response.status})`;
  } catch {
    // not the API's error shape (a proxy's error page, say): keep the status alone
  }
  return new ApiProblem(message);
}

/** The latest signed checkpoint note, or `null` when the log has none yet (404). */
export async function fetchLatestCheckpoint(signal?: AbortSignal): Promise<string | null> {
  const response = await request('/log/checkpoint', signal);
  if (response.status === 404) return null;
  if (!response.ok) throw await problem(response);
  return response.text();
}

/** What the server says its keys are: a convenience for pre-filling, never something to trust. */
export async function fetchLogKey(signal?: AbortSignal): Promise<LogKeyResponse> {
  const response = await request('/log/key', signal);
  if (!response.ok) throw await problem(response);
  const parsed = LogKeyResponse.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new MalformedAnswer('the /log/key answer is not in the documented format');
  return parsed.data;
}

/** RFC 9162 consistency proof hashes from `first` to `second`. */
export async function fetchConsistencyProof(
  first: number,
  second: number,
  signal?: AbortSignal,
): Promise<Uint8Array[]> {
  const response = await request(`/log/proof/consistency?first=${first}&second=${second}`, signal);
  if (!response.ok) throw await problem(response);
  const parsed = ConsistencyProofResponse.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success || parsed.data.first !== first || parsed.data.second !== second) {
    throw new MalformedAnswer(`the consistency proof for sizes ${first} → ${second} is not in the documented format`);
  }
  const proof = parsed.data.proof.map((hash) => fromBase64(hash));
  if (proof.some((hash) => hash === undefined))
    throw new MalformedAnswer('a consistency proof hash is not canonical base64');
  return proof as Uint8Array[];
}

/**
 * The RFC 9162 inclusion proof of entry `index` in the tree of `size`, and the leaf hash the server states for it
 * (to compare with the caller's own hash of the leaf, never to trust).
 */
export async function fetchInclusionProof(
  index: number,
  size: number,
  signal?: AbortSignal,
): Promise<{ leafHash: Uint8Array | undefined; proof: Uint8Array[] }> {
  const response = await request(`/log/proof/inclusion?index=${index}&size=${size}`, signal);
  if (!response.ok) throw new ApiProblem(`The inclusion proof could not be fetched (HTTP ${response.status}).`);
  const parsed = InclusionProofResponse.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new MalformedAnswer('The inclusion proof is not in the documented format.');
  const proof = parsed.data.proof.map((hash) => fromBase64(hash));
  if (proof.some((hash) => hash === undefined)) throw new MalformedAnswer('A proof hash is not canonical base64.');
  return { leafHash: fromBase64(parsed.data.leafHash), proof: proof as Uint8Array[] };
}

/** Entries [start, end) as served (the server may return fewer; an empty list means it has no entry `start`). */
export async function fetchEntries(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array[]> {
  const response = await request(`/log/entries?start=${start}&end=${end}`, signal);
  if (!response.ok) throw await problem(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    return decodeEntryBundle(bytes);
  } catch (e) {
    throw new MalformedAnswer(`entries from ${start}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
