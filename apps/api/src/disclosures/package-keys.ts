import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSignerKey, type NoteSigner, parseSignerKey, verifierKeyFromSigner } from '@writ/tlog';
import type { Env } from '../config/index.js';

export const PACKAGE_KEYS = Symbol('writ:package-keys');

/** The platform's keys for disclosure packages: one signs manifests, the other seals the files at rest. */
export interface PackageKeys {
  signer: NoteSigner;
  /** The signed-note verifier key an authority pins to check packages (same format as the log's). */
  verifierKey: string;
  encryptionKey: Buffer;
}

type KeyEnv = Pick<
  Env,
  'NODE_ENV' | 'STORAGE_DIR' | 'LOG_ORIGIN' | 'DISCLOSURE_SIGNING_KEY' | 'DISCLOSURE_ENCRYPTION_KEY'
>;

/**
 * From the environment; in development and tests, generated into STORAGE_DIR on first start and kept (as the log's
 * signing key and the TOTP key are), so packages stay verifiable across restarts. Production names its keys.
 */
export function loadPackageKeys(env: KeyEnv): PackageKeys {
  const skey =
    env.DISCLOSURE_SIGNING_KEY ??
    devKey(env, 'DISCLOSURE_SIGNING_KEY', 'disclosure-signing-key', () =>
      // The key name says what it signs: the log's host, then "disclosures".
      generateSignerKey(`${env.LOG_ORIGIN.split('/')[0]}/disclosures`),
    );
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(skey);
  } catch (error) {
    throw new Error(`DISCLOSURE_SIGNING_KEY is not a signed-note signer key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const encoded =
    env.DISCLOSURE_ENCRYPTION_KEY ??
    devKey(env, 'DISCLOSURE_ENCRYPTION_KEY', 'disclosure-encryption-key', () => randomBytes(32).toString('base64'));
  const encryptionKey = Buffer.from(encoded, 'base64');
  if (encryptionKey.length !== 32) throw new Error('DISCLOSURE_ENCRYPTION_KEY must be 32 bytes, base64');
  return { signer, verifierKey: verifierKeyFromSigner(skey), encryptionKey };
}

function devKey(env: KeyEnv, variable: string, fileName: string, generate: () => string): string {
  if (env.NODE_ENV === 'production') throw new Error(`${variable} is required in production`);
  const file = path.resolve(env.STORAGE_DIR, fileName);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': two processes starting on one data folder must not each write a different key.
    try {
      writeFileSync(file, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
