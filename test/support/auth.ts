// Staff identities for API tests, made directly in the database: an account with the given roles and an API
// token for it. (The login flow itself is tested in test/api/auth*.test.ts.)
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { StaffRole } from '@writ/contracts';
import type { TestApp } from './test-app';

export interface TestStaff {
  id: string;
  email: string;
  token: string;
  headers: Record<string, string>;
}

export const ALL_ROLES: readonly StaffRole[] = ['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMIN'];

export async function createStaff(
  t: Pick<TestApp, 'db'>,
  roles: readonly StaffRole[],
  label = roles.join('-').toLowerCase(),
): Promise<TestStaff> {
  const id = randomUUID();
  const email = `${label || 'nobody'}-${id.slice(0, 8)}@test.example`;
  await t.db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
     VALUES ($1, $2, $3, '!no-password-login', $4::"StaffRole"[], now())`,
    [id, email, `Test ${label}`, roles],
  );
  const token = `writ_${randomBytes(32).toString('base64url')}`;
  await t.db.query(
    `INSERT INTO api_token (id, name, token_hash, staff_id, roles, expires_at)
     VALUES ($1, 'test', $2, $3, $4::"StaffRole"[], now() + interval '30 days')`,
    [randomUUID(), createHash('sha256').update(token).digest('hex'), id, roles],
  );
  return { id, email, token, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
}

/** One account per role, for tests that act as several people. */
export async function staffByRole(t: Pick<TestApp, 'db'>): Promise<Record<StaffRole, TestStaff>> {
  const entries = await Promise.all(ALL_ROLES.map(async (role) => [role, await createStaff(t, [role])] as const));
  return Object.fromEntries(entries) as Record<StaffRole, TestStaff>;
}
