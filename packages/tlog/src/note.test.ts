import { FormatError, VerificationError } from './errors.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey, verifierKeyFromSigner } from './note-keys.js';
import { addSignatures, openNote, parseNote, signNote } from './note.js';

// The golang.org/x/mod/sumdb/note reference note: Ed25519 is deterministic, so we must produce it exactly.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

function keyPair(name: string): {
  signer: ReturnType<typeof parseSignerKey>;
  verifier: ReturnType<typeof parseVerifierKey>;
} {
  const skey = generateSignerKey(name);
  return { signer: parseSignerKey(skey), verifier: parseVerifierKey(verifierKeyFromSigner(skey)) };
}

describe('signed notes', () => {
  it('reproduces and verifies the Go reference note byte for byte', () => {
    expect(signNote(GO_TEXT, [parseSignerKey(GO_SKEY)])).toBe(GO_NOTE);
    const opened = openNote(GO_NOTE, [parseVerifierKey(GO_VKEY)]);
    expect(opened.text).toBe(GO_TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('round-trips text with blank lines and non-ASCII characters, from a string or bytes', () => {
    const { signer, verifier } = keyPair('log.example/a');
    const text = 'Ognuno sta solo sul cuor della terra\n\ned è subito sera.\n';
    const note = signNote(text, [signer]);
    expect(openNote(note, [verifier]).text).toBe(text);
    expect(openNote(new TextEncoder().encode(note), [verifier]).text).toBe(text);
  });

  it('rejects a note whose text was changed after signing', () => {
    const { signer, verifier } = keyPair('log.example/a');
    const note = signNote('size 10\n', [signer]);
    expect(() => openNote(note.replace('10', '11'), [verifier])).toThrow(VerificationError);
    expect(() => openNote(note.replace('10', '11'), [verifier])).toThrow(/does not verify/);
  });

  it('ignores signatures by unknown keys but still needs one trusted signature', () => {
    const log = keyPair('log.example/a');
    const witness = keyPair('witness.example');
    const note = signNote('hello\n', [witness.signer, log.signer]);
    const opened = openNote(note, [log.verifier]);
    expect(opened.verified.map((s) => s.name)).toEqual(['log.example/a']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['witness.example']);

    const onlyUnknown = signNote('hello\n', [witness.signer]);
    expect(() => openNote(onlyUnknown, [log.verifier])).toThrow(/not signed by any trusted key/);
    expect(() => openNote(onlyUnknown, [])).toThrow(VerificationError);
  });

  it('treats a key with the right name but another key ID as unknown, not as a match', () => {
    const trusted = keyPair('log.example/a');
    const impostor = keyPair('log.example/a'); // same name, different key, so a different key ID
    expect(impostor.signer.keyId).not.toBe(trusted.signer.keyId);
    const note = signNote('hello\n', [impostor.signer]);
    expect(() => openNote(note, [trusted.verifier])).toThrow(/not signed by any trusted key/);
  });

  it("rejects a signature line that claims a trusted key ID but carries another key's signature", () => {
    const trusted = keyPair('log.example/a');
    const attacker = keyPair('log.example/a');
    const forged = signNote('hello\n', [{ ...attacker.signer, keyId: trusted.signer.keyId }]);
    expect(() => openNote(forged, [trusted.verifier])).toThrow(/does not verify/);
  });

  it('rejects the whole note when any trusted signature fails, even if another verifies', () => {
    const a = keyPair('log.example/a');
    const b = keyPair('log.example/b');
    const note = signNote('hello\n', [a.signer, b.signer]);
    const lines = note.split('\n');
    const bLine = lines[3]!;
    const otherB = signNote('other\n', [b.signer]).split('\n')[2]!;
    expect(bLine.startsWith('— log.example/b ')).toBe(true);
    const mixed = note.replace(bLine, otherB);
    expect(() => openNote(mixed, [a.verifier])).not.toThrow();
    expect(() => openNote(mixed, [a.verifier, b.verifier])).toThrow(/log\.example\/b .*does not verify/);
  });

  it.each([
    ['no blank line', 'hello\n— a AAAAAAAA\n'],
    ['no signatures', 'hello\n\n'],
    ['missing final newline', GO_NOTE.slice(0, -1)],
    ['hyphen instead of em dash', GO_NOTE.replace('— ', '- ')],
    ['no space after the name', GO_NOTE.replace('PeterNeumann x08', 'PeterNeumannx08')],
    ['two spaces', GO_NOTE.replace('PeterNeumann x08', 'PeterNeumann  x08')],
    ['bad base64', GO_NOTE.replace('x08go', 'x08g*')],
    ['unpadded base64', GO_NOTE.replace('nAM=\n', 'nAM\n')],
    ['signature shorter than a key ID', `${GO_TEXT}\n— PeterNeumann AAAA\n`],
    ['a carriage return', GO_NOTE.replace('problem,\n', 'problem,\r\n')],
    ['a tab in the text', GO_NOTE.replace('If you', 'If\tyou')],
    ['an empty line among the signatures', GO_NOTE + '\n'],
  ])('rejects a malformed note: %s', (_why, note) => {
    expect(() => parseNote(note)).toThrow(FormatError);
    expect(() => openNote(note, [parseVerifierKey(GO_VKEY)])).toThrow(FormatError);
  });

  it('rejects invalid UTF-8 bytes', () => {
    const bytes = new TextEncoder().encode(GO_NOTE);
    bytes[3] = 0xff;
    expect(() => parseNote(bytes)).toThrow(/UTF-8/);
  });

  it('refuses to sign text without a final newline or with control characters', () => {
    const { signer } = keyPair('log.example/a');
    expect(() => signNote('hello', [signer])).toThrow(FormatError);
    expect(() => signNote('a\u0000b\n', [signer])).toThrow(FormatError);
    expect(() => signNote('hello\n', [])).toThrow(FormatError);
  });
});

describe('key rotation', () => {
  it('a note signed by the old and the new key verifies with either key alone, and with both', () => {
    const oldKey = keyPair('log.example/a');
    const newKey = keyPair('log.example/a');
    const note = signNote('size 42\n', [oldKey.signer, newKey.signer]);
    expect(openNote(note, [oldKey.verifier]).verified).toHaveLength(1);
    expect(openNote(note, [newKey.verifier]).verified).toHaveLength(1);
    expect(openNote(note, [oldKey.verifier, newKey.verifier]).verified).toHaveLength(2);
  });

  it('a cosignature added later keeps the original signature valid', () => {
    const oldKey = keyPair('log.example/a');
    const newKey = keyPair('log.example/a');
    const note = addSignatures(signNote('size 42\n', [oldKey.signer]), [newKey.signer]);
    expect(openNote(note, [newKey.verifier]).unverified).toHaveLength(1);
    expect(openNote(note, [oldKey.verifier]).verified).toHaveLength(1);
  });

  it('after rotation, a note signed only by the retired key fails for a client that trusts only the new key', () => {
    const oldKey = keyPair('log.example/a');
    const newKey = keyPair('log.example/a');
    expect(() => openNote(signNote('size 43\n', [oldKey.signer]), [newKey.verifier])).toThrow(VerificationError);
  });
});
