import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fromBase64 } from './base64.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

// The vectors travel with the code (test/vectors/merkle: source, commit and licence in its README).
const VECTORS = path.resolve(__dirname, '../../../test/vectors/merkle');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

function b64(s: string): Uint8Array {
  const bytes = fromBase64(s);
  if (!bytes) throw new Error(`vector holds invalid base64: ${s}`);
  return bytes;
}

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusionFiles = jsonFiles(path.join(VECTORS, 'inclusion'));
const consistencyFiles = jsonFiles(path.join(VECTORS, 'consistency'));
const rel = (f: string): string => path.relative(VECTORS, f);

describe('transparency-dev/merkle vectors', () => {
  it('finds every vector file (a wrong path must not pass silently)', () => {
    expect(inclusionFiles.length).toBeGreaterThanOrEqual(86);
    expect(consistencyFiles.length).toBeGreaterThanOrEqual(84);
  });

  it.each(inclusionFiles.map((f) => [rel(f), f]))('inclusion %s', (_name, file) => {
    const v = JSON.parse(readFileSync(file, 'utf8')) as InclusionVector;
    const run = (): void =>
      verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, (v.proof ?? []).map(b64), b64(v.root));
    if (v.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });

  it.each(consistencyFiles.map((f) => [rel(f), f]))('consistency %s', (_name, file) => {
    const v = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyVector;
    const run = (): void => verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
    if (v.wantErr) expect(run).toThrow();
    else expect(run).not.toThrow();
  });
});
