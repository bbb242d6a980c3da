import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * Package files at rest: AES-256-GCM under DISCLOSURE_ENCRYPTION_KEY (as TOTP secrets are sealed), written and read
 * as streams so a package of a million connections never sits in memory. On disk: a 12-byte random IV, the
 * ciphertext, the 16-byte tag. The disclosure id and the file name are bound in as associated data, so a file
 * copied into another package does not open there.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Text is gathered into chunks of about this size before it is hashed, sealed and written. */
const CHUNK_CHARS = 64 * 1024;

const associatedData = (disclosureId: string, name: string) =>
  Buffer.from(`writ:disclosure-file:${disclosureId}:${name}`, 'utf8');

export interface WrittenFile {
  name: string;
  /** Of the plaintext, as the authority receives it. */
  size: number;
  sha256: string;
}

export class SealedFileWriter {
  private readonly hash = createHash('sha256');
  private readonly cipher;
  private readonly out: WriteStream;
  private pending = '';
  private size = 0;

  constructor(
    file: string,
    key: Buffer,
    disclosureId: string,
    readonly name: string,
  ) {
    const iv = randomBytes(IV_BYTES);
    this.cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    this.cipher.setAAD(associatedData(disclosureId, name));
    this.out = createWriteStream(file, { mode: 0o600 });
    this.out.write(iv);
  }

  /** Resolves at once unless the disk is behind, so a fast reader waits for a slow disk. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.hash.update(bytes);
    this.size += bytes.length;
    if (!this.out.write(this.cipher.update(bytes))) await once(this.out, 'drain');
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    this.out.write(this.cipher.final());
    this.out.end(this.cipher.getAuthTag());
    await once(this.out, 'close');
    return { name: this.name, size: this.size, sha256: this.hash.digest('hex') };
  }

  /** Gives up: closes the file without a tag (the caller deletes the folder). */
  abort(): void {
    this.out.destroy();
  }
}

/**
 * The plaintext of a sealed file as a stream. The tag is read first; a file that was altered (or belongs to another
 * package) makes the stream fail at its end, before the zip around it is completed.
 */
export async function openSealedFile(file: string, key: Buffer, disclosureId: string, name: string): Promise<Readable> {
  const handle = await open(file, 'r');
  let iv: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    if (size < IV_BYTES + TAG_BYTES) throw new Error(`sealed package file ${name} is truncated`);
    iv = Buffer.alloc(IV_BYTES);
    tag = Buffer.alloc(TAG_BYTES);
    await handle.read(iv, 0, IV_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(disclosureId, name));
  decipher.setAuthTag(tag);
  if (size === IV_BYTES + TAG_BYTES) {
    decipher.end();
    return decipher;
  }
  const source = createReadStream(file, { start: IV_BYTES, end: size - TAG_BYTES - 1 });
  source.on('error', (error) => decipher.destroy(error));
  return source.pipe(decipher);
}
