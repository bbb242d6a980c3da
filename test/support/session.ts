// A staff session ending and starting again, written straight to the database: the portal tests share one login
// rate limit, and the API reads sessions from the database on every call (they are never cached).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** The person's sessions end as after a long idle spell: the API answers 401 from the next call on. */
export async function endSessions(db: pg.Pool, staffId: string): Promise<void> {
  await db.query(`UPDATE session SET last_seen_at = now() - interval '1 day' WHERE staff_id = $1`, [staffId]);
}

/**
 * What logging in again in another tab means to a page left open: the browser's cookie is good again, but it
 * belongs to a session whose CSRF token the page was never given. Here the ended session comes back with a new
 * token, which is the same to the page and needs no login.
 */
export async function logInAgainElsewhere(db: pg.Pool, staffId: string): Promise<void> {
  await db.query(`UPDATE session SET last_seen_at = now(), csrf_token = $2 WHERE staff_id = $1`, [
    staffId,
    randomBytes(32).toString('base64url'),
  ]);
}
