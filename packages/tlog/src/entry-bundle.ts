import { FormatError } from './errors.js';

/**
 * Entry bundles as in C2SP tlog-tiles ("entry bundles"): entries concatenated, each preceded by its length as
 * a 2-byte big-endian integer. The bytes of each entry are exactly what is hashed with `leafHash`.
 */

export const MAX_ENTRY_SIZE = 0xffff;

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) {
      throw new FormatError(
        'ENTRY_TOO_LARGE',
        `an entry has ${e.length} bytes; bundles allow at most ${MAX_ENTRY_SIZE}`,
      );
    }
    length += 2 + e.length;
  }
  const out = new Uint8Array(length);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >> 8;
    out[o + 1] = e.length & 255;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle. The entries are views into `bytes` (no copy). Throws FormatError if it is truncated. */
export function decodeEntryBundle(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) {
      throw new FormatError('BAD_BUNDLE', `entry bundle is truncated inside the length of entry ${out.length}`);
    }
    const length = (bytes[o]! << 8) | bytes[o + 1]!;
    if (o + 2 + length > bytes.length) {
      throw new FormatError('BAD_BUNDLE', `entry bundle is truncated inside entry ${out.length}`);
    }
    out.push(bytes.subarray(o + 2, o + 2 + length));
    o += 2 + length;
  }
  return out;
}
