/**
 * Length of the DER element at the start of `bytes` (tag + length + contents), or null if the header is not
 * well formed. Used to refuse trailing bytes after a certificate or signature: parsers tend to ignore them,
 * and a blob with a second payload glued on is not the thing we mean to store.
 */
export function derElementLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2) return null;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  // 0x80 is BER's indefinite length (not DER); more than 4 length octets is no object we would accept.
  if (octets === 0 || octets > 4 || bytes.length < 2 + octets) return null;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + octets + length;
}
