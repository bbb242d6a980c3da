// Is 32 bytes a usable Ed25519 public key? RFC 8032 §5.1.3 point decoding, plus a small-order check: a key of
// small order (the all-zero key, the identity, …) lets some verifiers accept a signature that proves nothing,
// and is what a careless paste of zeros or a truncated key turns into. BigInt arithmetic: a registry write is
// rare, so clarity beats speed.

const P = 2n ** 255n - 19n;
const mod = (a: bigint): bigint => ((a % P) + P) % P;

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

const inv = (a: bigint): bigint => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

type Point = { x: bigint; y: bigint };

/** RFC 8032 §5.1.3; null when the bytes do not encode a point (including non-canonical y ≥ p). */
export function decodePoint(bytes: Uint8Array): Point | null {
  if (bytes.length !== 32) return null;
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? bytes[i]! & 0x7f : bytes[i]!);
  const sign = BigInt(bytes[31]! >> 7);
  if (y >= P) return null;
  const y2 = (y * y) % P;
  const u = mod(y2 - 1n);
  const v = mod(D * y2 + 1n);
  let x = mod(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === u) {
    // x is a square root already
  } else if (vx2 === mod(-u)) {
    x = mod(x * SQRT_M1);
  } else {
    return null;
  }
  if (x === 0n && sign === 1n) return null;
  if ((x & 1n) !== sign) x = P - x;
  return { x, y };
}

/** The twisted Edwards addition law (a = −1); complete on this curve, so doubling needs no special case. */
function add(a: Point, b: Point): Point {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return {
    x: mod((a.x * b.y + a.y * b.x) * inv(1n + t)),
    y: mod((a.y * b.y + a.x * b.x) * inv(1n - t)),
  };
}

export type Ed25519KeyProblem = 'NOT_A_POINT' | 'SMALL_ORDER';

/** null when the key is fine; otherwise what is wrong with it. */
export function ed25519KeyProblem(bytes: Uint8Array): Ed25519KeyProblem | null {
  const point = decodePoint(bytes);
  if (!point) return 'NOT_A_POINT';
  let q = point;
  for (let i = 0; i < 3; i++) q = add(q, q);
  // [8]P is the identity (0, 1) exactly when P's order divides the cofactor 8.
  return q.x === 0n && q.y === 1n ? 'SMALL_ORDER' : null;
}
