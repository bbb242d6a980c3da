import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStorage, StoredObject } from './document-storage.js';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Objects as files under one directory: `<root>/<first two hex digits>/<uuid>`. Keys are random UUIDs made
 * here, never derived from anything a client sent, so a file name can never steer a write.
 */
export class DiskDocumentStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  async put(source: Readable): Promise<StoredObject> {
    const key = randomUUID();
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      // 'wx': a key is written once; flush: the bytes are on disk before the database says they exist.
      await pipeline(source, meter, createWriteStream(file, { flags: 'wx', mode: 0o600, flush: true }));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Readable> {
    // Opened here so a missing file fails now, not after the response headers are out.
    const handle = await open(this.pathOf(key), 'r');
    return createReadStream('', { fd: handle });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2), key);
  }
}
