import { fromBase64, toBase64, type Checkpoint } from '@writ/tlog';

/**
 * What this browser remembers between visits, in localStorage: the verifier keys the visitor pinned, and the
 * last checkpoint it verified for each log. Storage can be unavailable (private windows, policies): every
 * function degrades to "nothing remembered" instead of throwing.
 */

const PINNED_KEYS = 'writ.audit.pinned-keys.v1';
const LAST_CHECKPOINTS = 'writ.audit.last-checkpoints.v1';

export interface PinnedKeys {
  /** The verifier keys as the visitor wrote them, one per line. */
  text: string;
  pinnedAt: string;
}

export interface RememberedCheckpoint {
  origin: string;
  size: number;
  /** base64 root hash */
  rootHash: string;
  /** the signed note, kept as evidence should a later check find the log forked or rewritten */
  note: string;
  verifiedAt: string;
}

function read(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): boolean {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function loadPinnedKeys(): PinnedKeys | null {
  const value = read(PINNED_KEYS) as Partial<PinnedKeys> | null;
  return value && typeof value.text === 'string' && typeof value.pinnedAt === 'string'
    ? { text: value.text, pinnedAt: value.pinnedAt }
    : null;
}

export function savePinnedKeys(text: string): PinnedKeys | null {
  const pinned = { text, pinnedAt: new Date().toISOString() };
  return write(PINNED_KEYS, pinned) ? pinned : null;
}

export function forgetPinnedKeys(): void {
  write(PINNED_KEYS, null);
}

function isRemembered(value: unknown): value is RememberedCheckpoint {
  const v = value as Partial<RememberedCheckpoint> | null;
  return (
    !!v &&
    typeof v.origin === 'string' &&
    Number.isSafeInteger(v.size) &&
    (v.size as number) >= 0 &&
    typeof v.rootHash === 'string' &&
    fromBase64(v.rootHash)?.length === 32 &&
    typeof v.note === 'string' &&
    typeof v.verifiedAt === 'string'
  );
}

function allRemembered(): Record<string, RememberedCheckpoint> {
  const value = read(LAST_CHECKPOINTS);
  return value && typeof value === 'object' ? (value as Record<string, RememberedCheckpoint>) : {};
}

export function loadRemembered(origin: string): RememberedCheckpoint | null {
  const value = allRemembered()[origin];
  return isRemembered(value) && value.origin === origin ? value : null;
}

/** Remembers a checkpoint this browser verified (call it only after the signature and consistency checks pass). */
export function remember(checkpoint: Checkpoint, note: string): RememberedCheckpoint | null {
  const entry: RememberedCheckpoint = {
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: toBase64(checkpoint.rootHash),
    note,
    verifiedAt: new Date().toISOString(),
  };
  return write(LAST_CHECKPOINTS, { ...allRemembered(), [checkpoint.origin]: entry }) ? entry : null;
}

export function forgetRemembered(origin: string): void {
  const all = allRemembered();
  delete all[origin];
  write(LAST_CHECKPOINTS, all);
}
