import { IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT } from '@writ/contracts';
import canonicalizeModule from 'canonicalize';
import { AppError, sha256Hex } from '../common/index.js';
import type { Env } from '../config/index.js';
import type { RawQuery } from '../database/index.js';

// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a retried POST with the same key and body answers
// the first result again, never a second request. The key is claimed with INSERT … ON CONFLICT DO NOTHING inside
// the transaction that does the work, so:
//  - a concurrent retry blocks on the unique key until the first transaction ends, then replays its committed
//    result (or, if the first one failed and rolled back, claims the key and does the work itself);
//  - the record and the work commit together or not at all: no key without its request, no request without its
//    key.
// Keys are scoped to (caller, route); a different body under a used key is refused with IDEMPOTENCY_KEY_REUSED.
//
// Records are kept for a retention window (IDEMPOTENCY_KEY_RETENTION_HOURS, from the first use) and then deleted
// by IdempotencySweeper. The draft (section 2) lets a server expire keys; a retry comes within minutes, so a day is
// ample, and keeping every response body forever would hoard copies of personal data (target values) outside the
// audited request tables. A record past the window counts as gone even before the sweeper reaches it, so whether a
// key is still remembered never depends on when the sweeper last ran.

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export interface KeyScope {
  staffId: string;
  route: string;
  key: string;
}

export type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

/** SHA-256 of the body as sent (RFC 8785 JSON), before defaults are filled in: a retry must send the same thing. */
export function bodyHash(body: unknown): string {
  return sha256Hex(canonicalize(body ?? null) ?? '');
}

/** How long a key is remembered, from the environment (IDEMPOTENCY_KEY_RETENTION_HOURS). */
export function retentionMs(env: Pick<Env, 'IDEMPOTENCY_KEY_RETENTION_HOURS'>): number {
  return env.IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000;
}

interface RecordRow {
  body_hash: string;
  status: number;
  response_body: unknown;
  created_at: Date;
}

export async function claimKey(
  sql: RawQuery,
  scope: KeyScope,
  hash: string,
  retention = IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT * 3_600_000,
): Promise<Claim> {
  // An expired record is taken over in place (new body hash, in flight again, created now) rather than deleted
  // and inserted, so the claim stays one statement. ON CONFLICT DO UPDATE locks the conflicting row even when its
  // WHERE is false, so the sweeper (SKIP LOCKED) cannot delete it between this statement and the replay below.
  const claimed = await sql<{ claimed: number }>`
    INSERT INTO idempotency_record AS r (key, staff_id, route, body_hash, status, response_body)
    VALUES (${scope.key}, ${scope.staffId}::uuid, ${scope.route}, ${hash}, 0, '{}')
    ON CONFLICT (staff_id, route, key) DO UPDATE
       SET body_hash = EXCLUDED.body_hash, status = 0, response_body = '{}', created_at = now()
     WHERE r.created_at < now() - ${retention}::bigint * interval '1 millisecond'
    RETURNING 1 AS claimed`;
  if (claimed.length === 1) return { kind: 'claimed' };
  const [existing] = await sql<RecordRow>`
    SELECT body_hash, status, response_body, created_at FROM idempotency_record
     WHERE staff_id = ${scope.staffId}::uuid AND route = ${scope.route} AND key = ${scope.key}`;
  if (!existing || existing.status === 0) {
    // Only possible if the record was removed between the two statements; the client may simply retry.
    throw new AppError('CONFLICT', 'Another request with this Idempotency-Key is being processed; retry in a moment.');
  }
  if (existing.body_hash !== hash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `This Idempotency-Key was already used at ${existing.created_at.toISOString()} with a different body; it is ` +
        `remembered until ${new Date(existing.created_at.getTime() + retention).toISOString()}. ` +
        'Send the original body to get the original answer, or use a new key for a new request.',
    );
  }
  return { kind: 'replay', status: existing.status, body: existing.response_body };
}

export async function completeKey(sql: RawQuery, scope: KeyScope, status: number, body: unknown): Promise<void> {
  await sql`
    UPDATE idempotency_record SET status = ${status}, response_body = ${JSON.stringify(body)}::jsonb
     WHERE staff_id = ${scope.staffId}::uuid AND route = ${scope.route} AND key = ${scope.key}`;
}
