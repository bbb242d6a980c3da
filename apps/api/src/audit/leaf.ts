import { createHash, randomBytes } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = fn`) while its typings declare an ES default export; at run time the
// default import is the function itself, in Node's ESM loader and under jest alike.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The public face of an audit event, which becomes a Merkle leaf byte for byte (docs/TLOG.md, "What each leaf holds").
 * Personal identifiers never appear in it: each is replaced by a commitment SHA-256(salt || value), and the salt
 * is kept in the full event that only auditors read, so they can recompute it while nobody can guess it.
 */
export interface PublicEvent {
  v: 1;
  at: string;
  actor: string;
  action: string;
  subject: { type: string; id: string | null };
  details: Record<string, unknown>;
  commitments: Record<string, string>;
}

export interface Committed {
  leaf: Buffer;
  publicEvent: PublicEvent;
  /** name → { salt (hex), value }, for the auditor's copy. */
  openings: Record<string, { salt: string; value: string }>;
}

export function commitment(salt: Buffer, value: string): string {
  return createHash('sha256').update(salt).update(value, 'utf8').digest('hex');
}

export function encodeLeaf(
  event: Omit<PublicEvent, 'v' | 'commitments'>,
  personal: Record<string, string> = {},
): Committed {
  const commitments: Record<string, string> = {};
  const openings: Record<string, { salt: string; value: string }> = {};
  const entries = Object.entries(personal);
  // One draw from the CSPRNG for all salts: each draw is a call into OpenSSL, a few µs that add up at intake.
  const salts = randomBytes(16 * entries.length);
  for (const [i, [name, value]] of entries.entries()) {
    const salt = salts.subarray(16 * i, 16 * (i + 1));
    commitments[name] = commitment(salt, value);
    openings[name] = { salt: salt.toString('hex'), value };
  }
  const publicEvent: PublicEvent = { v: 1, ...event, commitments };
  // RFC 8785 JSON: the same event always has the same bytes, in any language that re-encodes it.
  const text = canonicalize(publicEvent);
  if (text === undefined) throw new Error('audit event cannot be encoded');
  return { leaf: Buffer.from(text, 'utf8'), publicEvent, openings };
}
