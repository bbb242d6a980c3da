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

/**
 * Someone else logs in in the same browser: the cookie the page's browser holds now names `toStaffId`'s session
 * (the session row is handed over, with a new CSRF token). `handBack` undoes it.
 */
export async function anotherPersonLogsIn(db: pg.Pool, fromStaffId: string, toStaffId: string) {
  const { rows } = await db.query<{ token_hash: string }>(
    `UPDATE session SET staff_id = $2, last_seen_at = now(), csrf_token = $3 WHERE staff_id = $1 RETURNING token_hash`,
    [fromStaffId, toStaffId, randomBytes(32).toString('base64url')],
  );
  const hashes = rows.map((row) => row.token_hash);
  return {
    handBack: () =>
      db
        .query(`UPDATE session SET staff_id = $1 WHERE token_hash = ANY($2)`, [fromStaffId, hashes])
        .then(() => undefined),
  };
}
