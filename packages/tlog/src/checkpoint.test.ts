import { fromBase64 } from './base64.js';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
import { FormatError, VerificationError } from './errors.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyFromSigner } from './note-keys.js';

// The example checkpoint of C2SP tlog-checkpoint.
const SPEC_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

describe('checkpoint text', () => {
  it('parses the spec example and formats it back identically', () => {
    const cp = parseCheckpoint(SPEC_TEXT);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(Buffer.from(cp.rootHash).toString('base64')).toBe(ROOT);
    expect(cp.extensions).toEqual([]);
    expect(formatCheckpoint(cp)).toBe(SPEC_TEXT);
  });

  it('keeps extension lines and size 0', () => {
    const text = `log.example\n0\n${ROOT}\nextension one\nsecond\n`;
    const cp = parseCheckpoint(text);
    expect(cp.size).toBe(0);
    expect(cp.extensions).toEqual(['extension one', 'second']);
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it.each([
    ['leading zero in the size', `o\n012\n${ROOT}\n`],
    ['a plus sign', `o\n+12\n${ROOT}\n`],
    ['a negative size', `o\n-1\n${ROOT}\n`],
    ['spaces around the size', `o\n 12\n${ROOT}\n`],
    ['a size past 2^53', `o\n9007199254740993\n${ROOT}\n`],
    ['a hex size', `o\n0x10\n${ROOT}\n`],
    ['an empty origin', `\n12\n${ROOT}\n`],
    ['a 31-byte root', `o\n12\n${Buffer.alloc(31).toString('base64')}\n`],
    ['unpadded base64 root', `o\n12\n${ROOT.replace('=', '')}\n`],
    ['URL-safe base64 root', `o\n12\n${ROOT.replace('/', '_')}\n`],
    ['no final newline', SPEC_TEXT.slice(0, -1)],
    ['missing root line', 'o\n12\n'],
    ['an empty extension line', `o\n12\n${ROOT}\n\next\n`],
  ])('rejects %s', (_why, text) => {
    expect(() => parseCheckpoint(text)).toThrow(FormatError);
  });

  it('refuses to format an origin that would split into two lines', () => {
    expect(() => formatCheckpoint({ origin: 'evil\n999', size: 1, rootHash: fromBase64(ROOT)! })).toThrow(FormatError);
  });
});

describe('signed checkpoints', () => {
  const skey = generateSignerKey('log.example/writ');
  const signer = parseSignerKey(skey);
  const verifier = parseVerifierKey(verifierKeyFromSigner(skey));
  const cp = { origin: 'log.example/writ', size: 7, rootHash: fromBase64(ROOT)! };

  it('verify and parse with the log key, optionally pinned to an origin', () => {
    const signed = signCheckpoint(cp, [signer]);
    expect(openCheckpoint(signed, [verifier]).checkpoint.size).toBe(7);
    expect(openCheckpoint(signed, [verifier], { origin: 'log.example/writ' }).checkpoint.origin).toBe(
      'log.example/writ',
    );
    expect(() => openCheckpoint(signed, [verifier], { origin: 'log.example/other' })).toThrow(
      /expected "log.example\/other"/,
    );
  });

  it('fail when the size or root was altered, or another key signed', () => {
    const signed = signCheckpoint(cp, [signer]);
    expect(() => openCheckpoint(signed.replace('\n7\n', '\n8\n'), [verifier])).toThrow(VerificationError);
    const other = parseSignerKey(generateSignerKey('log.example/writ'));
    expect(() => openCheckpoint(signCheckpoint(cp, [other]), [verifier])).toThrow(VerificationError);
  });
});
