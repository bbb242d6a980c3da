/**
 * Transparency-log benchmark: proof generation latency, verification throughput, root recomputation and an
 * end-to-end `writ-verify audit` of a 1M-entry log over local HTTP. Prints JSON and writes
 * bench/results/tlog.json. Run: npx tsx bench/tlog.bench.ts   (BENCH_TLOG_10M=0 skips the 10M-leaf tree)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MemoryTree,
  RootBuilder,
  consistencyProof,
  generateSignerKey,
  inclusionProof,
  nobleHasher,
  verifierKeyFromSigner,
  verifyConsistency,
  verifyInclusion,
  type Hasher,
} from '../packages/tlog/src/index.js';
import { nodeHasher } from '../packages/tlog/src/cli/node-hasher.js';
import { buildServedLog, startLogServer } from '../packages/tlog/src/cli/reference-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const started = performance.now();

/** Deterministic pseudo-random numbers, so runs are comparable. */
let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const randomInt = (n: number): number => Math.floor(random() * n);

/** An audit-event-sized entry (~200 bytes of JSON). */
function entry(i: number): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      seq: i,
      type: 'disclosure.released',
      request: `req_${i.toString(36).padStart(10, '0')}`,
      actor: 'staff_7',
      at: '2026-11-02T10:00:00.000Z',
      digest: 'a'.repeat(64),
    }),
  );
}

function percentiles(samples: number[]): { p50_us: number; p99_us: number; mean_us: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const us = (ms: number): number => Math.round(ms * 1000 * 100) / 100;
  return { p50_us: us(at(0.5)), p99_us: us(at(0.99)), mean_us: us(mean) };
}

function buildTree(n: number, hasher: Hasher): { tree: MemoryTree; seconds: number } {
  const tree = new MemoryTree(hasher);
  const data = new Uint8Array(64);
  const view = new DataView(data.buffer);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    view.setFloat64(0, i);
    tree.appendLeaf(data);
  }
  return { tree, seconds: (performance.now() - t0) / 1000 };
}

async function proofLatency(tree: MemoryTree, samples: number) {
  const n = tree.size;
  const sync: number[] = [];
  const viaSource: number[] = [];
  const consistency: number[] = [];
  for (let s = 0; s < samples; s++) {
    const index = randomInt(n);
    let t = performance.now();
    tree.inclusionProof(index);
    sync.push(performance.now() - t);
    t = performance.now();
    await inclusionProof(tree, index, n, nodeHasher);
    viaSource.push(performance.now() - t);
    const size1 = 1 + randomInt(n - 1);
    t = performance.now();
    await consistencyProof(tree, size1, n, nodeHasher);
    consistency.push(performance.now() - t);
  }
  return {
    leaves: n,
    samples,
    inclusion_memory_sync: percentiles(sync),
    inclusion_via_subtree_source_async: percentiles(viaSource),
    consistency_via_subtree_source_async: percentiles(consistency),
  };
}

function verifyThroughput(tree: MemoryTree, hasher: Hasher, count: number) {
  const n = tree.size;
  const root = tree.root();
  const cases = Array.from({ length: count }, () => {
    const index = randomInt(n);
    const size1 = 1 + randomInt(n - 1);
    return {
      index,
      leaf: tree.hash(0, index),
      proof: tree.inclusionProof(index),
      size1,
      root1: tree.root(size1),
      cproof: tree.consistencyProof(size1, n),
    };
  });
  let t = performance.now();
  for (const c of cases) verifyInclusion(c.leaf, c.index, n, c.proof, root, hasher);
  const inclusion = count / ((performance.now() - t) / 1000);
  t = performance.now();
  for (const c of cases) verifyConsistency(c.size1, n, c.cproof, c.root1, root, hasher);
  const consistencyRate = count / ((performance.now() - t) / 1000);
  return { inclusion_per_s: Math.round(inclusion), consistency_per_s: Math.round(consistencyRate) };
}

function rootRecompute(entries: Uint8Array[], hasher: Hasher, kind: 'builder' | 'tree') {
  const t0 = performance.now();
  if (kind === 'builder') {
    const builder = new RootBuilder(hasher);
    for (const e of entries) builder.push(hasher.leaf(e));
    builder.root();
  } else {
    const tree = new MemoryTree(hasher);
    for (const e of entries) tree.appendLeaf(e);
    tree.root();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { leaves: entries.length, seconds: round(seconds), leaves_per_s: Math.round(entries.length / seconds) };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

async function auditEndToEnd(entries: Uint8Array[]) {
  const skey = generateSignerKey('bench.example/log');
  const log = buildServedLog('bench.example/log', [skey], entries, nodeHasher);
  const server = await startLogServer(log);
  try {
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        path.join(repo, 'node_modules/.bin/tsx'),
        [
          'packages/tlog/src/cli/main.ts',
          'audit',
          '--quiet',
          '--server',
          server.url,
          '--key',
          verifierKeyFromSigner(skey),
        ],
        { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      child.on('error', reject);
      child.on('close', resolve);
    });
    const seconds = (performance.now() - t0) / 1000;
    return {
      leaves: entries.length,
      entry_bytes: entries[0]!.length,
      exit_code: code,
      seconds_including_cli_startup: round(seconds),
      note: 'CLI in a child process, reference HTTP server in this process, both on the same machine',
    };
  } finally {
    await server.close();
  }
}

const result: Record<string, unknown> = {
  benchmark: 'tlog',
  node: process.version,
  cpus: os.cpus().length,
  cpu_model: os.cpus()[0]?.model,
  date: new Date().toISOString(),
};

// The audit path first, while the heap is small: recomputing the root of 1M ~200-byte entries.
{
  const entries = Array.from({ length: 1_000_000 }, (_, i) => entry(i));
  result.root_recomputation_1m = {
    streaming_root_builder_node_crypto: rootRecompute(entries, nodeHasher, 'builder'),
    memory_tree_node_crypto_as_in_audit: rootRecompute(entries, nodeHasher, 'tree'),
    streaming_root_builder_noble_default: rootRecompute(entries.slice(0, 200_000), nobleHasher, 'builder'),
  };
  result.audit_end_to_end_1m = await auditEndToEnd(entries);
}

{
  const { tree, seconds } = buildTree(1_000_000, nodeHasher);
  result.memory_tree_1m = { leaves: tree.size, build_seconds_node_crypto: round(seconds) };
  result.proof_generation_1m = await proofLatency(tree, 10_000);
  result.verification_1m = {
    node_crypto: verifyThroughput(tree, nodeHasher, 5_000),
    noble_default: verifyThroughput(tree, nobleHasher, 2_000),
  };
}

if (process.env.BENCH_TLOG_10M !== '0') {
  const { tree, seconds } = buildTree(10_000_000, nodeHasher);
  result.memory_tree_10m = {
    leaves: tree.size,
    build_seconds_node_crypto: round(seconds),
    heap_and_buffers_mb: Math.round((process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers) / 2 ** 20),
  };
  result.proof_generation_10m = await proofLatency(tree, 10_000);
}

result.total_seconds = round((performance.now() - started) / 1000);
const json = JSON.stringify(result, null, 2);
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'tlog.json'), json + '\n');
process.stdout.write(`${json}\n`);
