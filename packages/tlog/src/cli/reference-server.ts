import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toBase64 } from '../base64.js';
import { signCheckpoint } from '../checkpoint.js';
import { encodeEntryBundle } from '../entry-bundle.js';
import type { Hasher } from '../hasher.js';
import { MemoryTree } from '../memory-tree.js';
import { parseSignerKey, verifierKeyFromSigner } from '../note-keys.js';
import { MAX_ENTRIES_PER_REQUEST } from './log-client.js';

/**
 * A minimal in-memory implementation of the log HTTP contract (README.md), for the CLI's tests and the
 * benchmark, and as an executable reference for the API. The fields are public and mutable on purpose, so
 * tests can make the server lie (serve altered entries, a checkpoint from another key, a rebuilt log).
 */
export interface ServedLog {
  origin: string;
  /** Verifier keys published at /log/key (informational only: clients must not trust them). */
  keys: string[];
  /** What /log/entries serves. */
  entries: Uint8Array[];
  /** What proofs are computed from. */
  tree: MemoryTree;
  /** What /log/checkpoint serves. */
  checkpoint: string;
  /** What /log/checkpoints/{size} serves. */
  checkpoints: Map<number, string>;
  /** Cap on entries per response, to exercise clients that must follow up on short answers. */
  maxPerResponse?: number;
}

/** Builds a consistent log of `entries` with a checkpoint signed by `signerKeys` at its full size. */
export function buildServedLog(
  origin: string,
  signerKeys: string[],
  entries: Uint8Array[],
  hasher?: Hasher,
): ServedLog {
  const tree = new MemoryTree(hasher);
  for (const e of entries) tree.appendLeaf(e);
  const signers = signerKeys.map(parseSignerKey);
  const checkpoint = signCheckpoint({ origin, size: tree.size, rootHash: tree.root() }, signers);
  return {
    origin,
    keys: signerKeys.map(verifierKeyFromSigner),
    entries: [...entries],
    tree,
    checkpoint,
    checkpoints: new Map([[tree.size, checkpoint]]),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function uint(text: string | null): number | undefined {
  return text !== null && /^(0|[1-9][0-9]{0,15})$/.test(text) ? Number(text) : undefined;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startLogServer(log: ServedLog): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/log/checkpoint') return send(res, 200, 'text/plain; charset=utf-8', log.checkpoint);
    if (path === '/log/key') {
      return send(res, 200, 'application/json', JSON.stringify({ origin: log.origin, keys: log.keys }));
    }
    const sized = /^\/log\/checkpoints\/(0|[1-9][0-9]*)$/.exec(path);
    if (sized) {
      const cp = log.checkpoints.get(Number(sized[1]));
      return cp ? send(res, 200, 'text/plain; charset=utf-8', cp) : send(res, 404, 'text/plain', 'no checkpoint\n');
    }
    if (path === '/log/proof/consistency') {
      const first = uint(url.searchParams.get('first'));
      const second = uint(url.searchParams.get('second'));
      if (first === undefined || second === undefined || first < 1 || first > second || second > log.tree.size) {
        return send(res, 400, 'text/plain', 'need 0 < first <= second <= size\n');
      }
      const proof = log.tree.consistencyProof(first, second).map(toBase64);
      return send(res, 200, 'application/json', JSON.stringify({ first, second, proof }));
    }
    if (path === '/log/entries') {
      const start = uint(url.searchParams.get('start'));
      const end = uint(url.searchParams.get('end'));
      if (start === undefined || end === undefined || end <= start || end - start > MAX_ENTRIES_PER_REQUEST) {
        return send(res, 400, 'text/plain', `need start < end <= start + ${MAX_ENTRIES_PER_REQUEST}\n`);
      }
      const stop = Math.min(end, log.entries.length, start + (log.maxPerResponse ?? MAX_ENTRIES_PER_REQUEST));
      return send(
        res,
        200,
        'application/octet-stream',
        encodeEntryBundle(log.entries.slice(start, Math.max(start, stop))),
      );
    }
    return send(res, 404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
