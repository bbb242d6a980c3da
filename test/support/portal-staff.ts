import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { StaffRole } from '@writ/contracts';
import { generateSecret } from 'otplib';
import type pg from 'pg';

/** A staff account that can log in through the portal: password and enrolled TOTP, written straight to the database. */
export interface PortalStaff {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
  displayName: string;
}

export async function createPortalStaff(db: pg.Pool, roles: StaffRole[], name: string): Promise<PortalStaff> {
  const id = randomUUID();
  const who = {
    id,
    email: `${name.split(' ')[0]!.toLowerCase()}-${id.slice(0, 8)}@portal.example`,
    password: `correct horse ${id.slice(0, 6)}`,
    totpSecret: generateSecret(),
    displayName: name,
  };
  await db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::"StaffRole"[], $6, now(), now())`,
    [id, who.email, who.displayName, await hash(who.password), roles, who.totpSecret],
  );
  return who;
}
