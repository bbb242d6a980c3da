import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { readKeyFile } from './key-file';

const encode = (text: string) => new TextEncoder().encode(text);

describe('readKeyFile', () => {
  it('turns an Ed25519 PEM public key into the raw 32 bytes the registry takes', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const raw = publicKey.export({ format: 'jwk' }).x!;
    const read = readKeyFile(encode(pem));
    expect(read).toEqual({ ok: true, kind: 'ED25519', publicKey: Buffer.from(raw, 'base64url').toString('base64') });
    // The same key as DER, and as bare base64: one answer.
    expect(readKeyFile(publicKey.export({ type: 'spki', format: 'der' }))).toEqual(read);
    expect(readKeyFile(encode(Buffer.from(raw, 'base64url').toString('base64')))).toEqual(read);
  });

  it('refuses an RSA public key and any private key, saying why', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(readKeyFile(encode(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not an Ed25519 key/),
    });
    const ed = generateKeyPairSync('ed25519');
    expect(readKeyFile(encode(ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/private key/),
    });
  });

  it('keeps a PEM certificate and wraps a DER one as PEM, the same certificate either way', () => {
    const pem = selfSignedCertificate();
    const read = readKeyFile(encode(`issued by the court\n${pem}\ntrailing`));
    expect(read.ok && read.kind === 'X509').toBe(true);
    const der = new X509Certificate(pem).raw;
    const fromDer = readKeyFile(der);
    expect(fromDer.ok && fromDer.kind === 'X509' && new X509Certificate(fromDer.certificate).fingerprint256).toBe(
      new X509Certificate(pem).fingerprint256,
    );
  });

  it('never throws on arbitrary bytes, and accepts nothing it cannot name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const read = readKeyFile(bytes);
        if (read.ok && read.kind === 'ED25519') expect(Buffer.from(read.publicKey, 'base64')).toHaveLength(32);
        if (!read.ok) expect(read.message.length).toBeGreaterThan(10);
      }),
    );
  });
});

/** A throwaway self-signed certificate, made with the openssl CLI as a court's tooling would. */
function selfSignedCertificate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'writ-key-file-'));
  try {
    return execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ed25519',
        '-nodes',
        '-keyout',
        path.join(dir, 'key'),
        '-subj',
        '/CN=Test Court',
        '-days',
        '2',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
