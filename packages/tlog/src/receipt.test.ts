import { toBase64 } from './base64.js';
import { signCheckpoint } from './checkpoint.js';
import { FormatError, VerificationError } from './errors.js';
import { leafHash } from './hash.js';
import { MemoryTree } from './memory-tree.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyFromSigner } from './note-keys.js';
import { createReceipt, formatReceipt, parseReceipt, verifyReceipt } from './receipt.js';

const ORIGIN = 'log.example/writ';
const skey = generateSignerKey(ORIGIN);
const signer = parseSignerKey(skey);
const verifier = parseVerifierKey(verifierKeyFromSigner(skey));
const entries = Array.from({ length: 13 }, (_, i) => new TextEncoder().encode(`{"event":${i}}`));
const tree = new MemoryTree();
entries.forEach((e) => tree.appendLeaf(e));
const signed = signCheckpoint({ origin: ORIGIN, size: tree.size, rootHash: tree.root() }, [signer]);

describe('tlog-proof receipts', () => {
  it('have the C2SP layout and round-trip through parse and format', async () => {
    const text = await createReceipt(tree, 5, signed);
    const lines = text.split('\n');
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1');
    expect(lines[1]).toBe('index 5');
    const proof = tree.inclusionProof(5);
    expect(lines.slice(2, 2 + proof.length)).toEqual(proof.map(toBase64));
    expect(lines[2 + proof.length]).toBe('');
    expect(text.endsWith(signed)).toBe(true);
    expect(formatReceipt(parseReceipt(text))).toBe(text);
  });

  it('verify with the leaf bytes or the leaf hash', async () => {
    const text = await createReceipt(tree, 12, signed);
    const byData = verifyReceipt(text, { data: entries[12]! }, [verifier], { origin: ORIGIN });
    expect(byData.index).toBe(12);
    expect(byData.checkpoint.size).toBe(13);
    expect(() => verifyReceipt(text, { hash: leafHash(entries[12]!) }, [verifier])).not.toThrow();
  });

  it('carry optional extra data through a round trip', async () => {
    const text = await createReceipt(tree, 0, signed, { extra: Uint8Array.of(1, 2, 3) });
    expect(text.split('\n')[1]).toBe('extra AQID');
    expect(parseReceipt(text).extra).toEqual(Uint8Array.of(1, 2, 3));
    expect(() => verifyReceipt(text, { data: entries[0]! }, [verifier])).not.toThrow();
  });

  it('fail for another entry, a changed index, a changed proof hash, or a re-signed checkpoint', async () => {
    const text = await createReceipt(tree, 6, signed);
    expect(() => verifyReceipt(text, { data: entries[7]! }, [verifier])).toThrow(/entry 6 is not proven/);
    expect(() => verifyReceipt(text.replace('index 6', 'index 7'), { data: entries[6]! }, [verifier])).toThrow(
      VerificationError,
    );
    const parsed = parseReceipt(text);
    const bent = parsed.proof.map((h, i) => (i === 1 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
    expect(() => verifyReceipt({ ...parsed, proof: bent }, { data: entries[6]! }, [verifier])).toThrow(
      VerificationError,
    );
    const other = parseSignerKey(generateSignerKey(ORIGIN));
    const forged = {
      ...parsed,
      signedCheckpoint: signCheckpoint({ origin: ORIGIN, size: 13, rootHash: tree.root() }, [other]),
    };
    expect(() => verifyReceipt(forged, { data: entries[6]! }, [verifier])).toThrow(/not signed by any trusted key/);
  });

  it('fail when the checkpoint text inside was edited', async () => {
    const text = await createReceipt(tree, 3, signed);
    expect(() => verifyReceipt(text.replace('\n13\n', '\n14\n'), { data: entries[3]! }, [verifier])).toThrow(
      /does not verify/,
    );
  });

  it.each([
    ['a wrong header', (t: string) => t.replace('tlog-proof@v1', 'tlog-proof@v2')],
    ['a leading-zero index', (t: string) => t.replace('index 3', 'index 03')],
    ['no index line', (t: string) => t.replace('index 3\n', '')],
    ['a short proof hash', (t: string) => t.replace(/\n([A-Za-z0-9+/]{43}=)\n/, '\nAAAA\n')],
    ['no blank line', (t: string) => t.replace(/\n\n/g, '\n')],
  ])('reject %s', async (_why, mangle) => {
    const text = await createReceipt(tree, 3, signed);
    expect(() => parseReceipt(mangle(text))).toThrow(FormatError);
  });
});
