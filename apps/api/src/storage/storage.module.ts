import path from 'node:path';
import { Module } from '@nestjs/common';
import { type Env, ENV } from '../config/index.js';
import { DiskDocumentStorage } from './disk-storage.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';

/**
 * Provides DOCUMENT_STORAGE: files under STORAGE_DIR/objects by default. A platform with its own store
 * overrides this one provider (e.g. `Test.createTestingModule(...).overrideProvider(DOCUMENT_STORAGE)`, or a
 * fork of this module) with any DocumentStorage; nothing else changes.
 */
@Module({
  providers: [
    {
      provide: DOCUMENT_STORAGE,
      inject: [ENV],
      useFactory: (env: Env): DocumentStorage => new DiskDocumentStorage(path.resolve(env.STORAGE_DIR, 'objects')),
    },
  ],
  exports: [DOCUMENT_STORAGE],
})
export class StorageModule {}
