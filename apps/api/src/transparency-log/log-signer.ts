import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSignerKey, parseSignerKey, verifierKeyFromSigner, type NoteSigner } from '@writ/tlog';
import type { Env } from '../config/index.js';

export interface LogKeys {
  origin: string;
  signers: NoteSigner[];
  verifierKeys: string[];
}

/**
 * Checkpoint signing keys. Several keys sign side by side during a rotation (signed notes allow any number of
 * signatures; verifiers ignore keys they do not know), so a new key is added first, published, and the old one
 * removed only after verifiers have pinned the new one.
 */
export function loadLogKeys(env: Env): LogKeys {
  let skeys: string[];
  if (env.LOG_SIGNING_KEYS) {
    skeys = env.LOG_SIGNING_KEYS.split(',')
      .map((key) => key.trim())
      .filter(Boolean);
  } else if (env.NODE_ENV === 'production') {
    throw new Error('LOG_SIGNING_KEYS is required in production: the checkpoint signing key(s), comma-separated');
  } else {
    // Development and tests: one key per data folder, created on first start and kept, so checkpoints stay verifiable.
    const file = path.resolve(env.STORAGE_DIR, 'log-signing-key');
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${generateSignerKey(env.LOG_ORIGIN)}\n`, { mode: 0o600 });
    }
    skeys = [readFileSync(file, 'utf8').trim()];
  }
  const signers = skeys.map((skey, i) => {
    try {
      return parseSignerKey(skey);
    } catch (error) {
      throw new Error(`LOG_SIGNING_KEYS: key ${i + 1} is not a signed-note signer key: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
  return { origin: env.LOG_ORIGIN, signers, verifierKeys: skeys.map((skey) => verifierKeyFromSigner(skey)) };
}
