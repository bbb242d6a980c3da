// Where document bytes live: inject the store with @Inject(DOCUMENT_STORAGE).
export { DOCUMENT_STORAGE, type DocumentStorage, type StoredObject } from './document-storage.js';
export { StorageModule } from './storage.module.js';
