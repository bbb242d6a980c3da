// The registry's four eyes for API tests: what one admin proposes (a new authority's activation, a key, a channel,
// a change of kind or country) takes effect only when a second admin approves it from a logged-in session. This
// gives each test app that second admin, with a session made directly in the database (the login flow itself is
// tested in test/api/auth*.test.ts), and approves an authority's pending changes through the API.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RegistryChangeApproval, RegistryChangePage } from '@writ/contracts';
import type { TestApp } from './test-app';

export interface AdminSession {
  id: string;
  /** Cookie, CSRF token and JSON content type: what a logged-in browser sends. */
  headers: Record<string, string>;
}

const sessions = new WeakMap<object, Promise<AdminSession>>();

/** An ADMIN account with a session past its second factor. */
export async function createAdminSession(t: Pick<TestApp, 'db'>, label = 'approver'): Promise<AdminSession> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
     VALUES ($1, $2, $3, '!no-password-login', '{ADMIN}', now())`,
    [id, `${label}-${id.slice(0, 8)}@test.example`, `Test ${label}`],
  );
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await t.db.query(
    `INSERT INTO session (token_hash, staff_id, mfa_passed, csrf_token, expires_at)
     VALUES ($1, $2, true, $3, now() + interval '12 hours')`,
    [createHash('sha256').update(cookie).digest('hex'), id, csrf],
  );
  return {
    id,
    headers: { cookie: `writ_session=${cookie}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
  };
}

/** The second admin of this test app (one per app). */
export function registryApprover(t: Pick<TestApp, 'db'>): Promise<AdminSession> {
  let session = sessions.get(t.db);
  if (!session) {
    session = createAdminSession(t);
    sessions.set(t.db, session);
  }
  return session;
}

/** Approves, as the second admin, every pending registry change of an authority; returns the approvals in order. */
export async function approvePendingRegistryChanges(
  t: Pick<TestApp, 'db' | 'url'>,
  authorityId: string,
): Promise<RegistryChangeApproval[]> {
  const approver = await registryApprover(t);
  const listed = await fetch(`${t.url}/registry-changes?authorityId=${authorityId}&status=PENDING&limit=100`, {
    headers: approver.headers,
  });
  if (listed.status !== 200) throw new Error(`list registry changes: ${listed.status} ${await listed.text()}`);
  const page = RegistryChangePage.parse(await listed.json());
  const approvals: RegistryChangeApproval[] = [];
  // Oldest first: an authority's activation was proposed before its keys and channels.
  for (const change of page.items.reverse()) {
    const response = await fetch(`${t.url}/registry-changes/${change.id}/approve`, {
      method: 'POST',
      headers: approver.headers,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`approve ${change.kind}: ${response.status} ${text}`);
    approvals.push(RegistryChangeApproval.parse(JSON.parse(text)));
  }
  return approvals;
}
