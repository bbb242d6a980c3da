import type { Readable } from 'node:stream';

/** What storing an object produced. The SHA-256 is computed over the bytes as they were written. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where document bytes live. The database keeps metadata and the storage key; the bytes sit behind this
 * interface so a platform can put them in its own store (object storage, an HSM-backed vault, …) by providing
 * another implementation under DOCUMENT_STORAGE (see storage.module.ts).
 */
export interface DocumentStorage {
  /**
   * Streams `source` into a new object under a fresh, unique key, hashing it on the way. If the source fails
   * (an upload refused half-way, a client gone) the partial object is removed before the error is rethrown.
   */
  put(source: Readable): Promise<StoredObject>;
  /** Opens an object for reading. Rejects if it does not exist. */
  get(key: string): Promise<Readable>;
  /** Removes an object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('writ:document-storage');
