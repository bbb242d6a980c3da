import type { Tx } from '../database/index.js';

/**
 * When roles are taken from an account, its API tokens that carry any of them are revoked, not merely filtered at
 * use: a token keeps the roles it was made with, so a later re-grant would otherwise bring them back on every old
 * token without its owner asking for it. Returns how many were revoked.
 */
export function revokeNarrowedTokens(tx: Tx, staffId: string, roles: readonly string[], now: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE api_token SET revoked_at = ${now}
     WHERE staff_id = ${staffId}::uuid AND revoked_at IS NULL AND NOT (roles::text[] <@ ${[...roles]}::text[])`;
}
