import type { Logger } from '@nestjs/common';
import type pg from 'pg';

interface LoginRole {
  role: string;
  superuser: boolean;
  createrole: boolean;
  owner: string;
  ownerMember: boolean;
  logMember: boolean;
}

/**
 * What the API's own login may do decides what an injected statement could do. A superuser, a role that can
 * create roles, or a member of the schema's owner can switch itself (SET ROLE) to something that rewrites or
 * disables the log's protections; `DB_APP_ROLE` cannot stop that, since the session can simply switch back. A
 * member of writ_log could write the log's tables directly. So the API must log in as a role without any of these (README, "Using an existing PostgreSQL"):
 * in production it refuses to start otherwise; elsewhere it says so at error level, and starts.
 */
export async function checkLoginRole(pool: pg.Pool, production: boolean, logger: Logger): Promise<void> {
  const { rows } = await pool.query<LoginRole>(
    `SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
            pg_get_userbyid(c.relowner) AS owner, pg_has_role(session_user, c.relowner, 'MEMBER') AS "ownerMember",
            EXISTS (SELECT 1 FROM pg_roles l WHERE l.rolname = 'writ_log' AND pg_has_role(session_user, l.oid, 'MEMBER'))
              AS "logMember"
       FROM pg_roles r, pg_class c
      WHERE r.rolname = session_user AND c.oid = 'public.audit_event'::regclass`,
  );
  const login = rows[0];
  if (!login) throw new Error('DATABASE_URL: cannot read the login role (are the migrations applied?)');
  const powers = [
    login.superuser && 'is a superuser',
    login.createrole && 'may create roles',
    login.ownerMember && `is (a member of) "${login.owner}", the owner of the schema`,
    // writ_log owns the log's tables: a member could write them directly, past the functions that check continuity.
    login.logMember && 'is (a member of) "writ_log", which may write the log\'s tables',
  ].filter(Boolean);
  if (powers.length === 0) return;
  const message =
    `DATABASE_URL logs in as "${login.role}", which ${powers.join(' and ')}: the API must log in as a role ` +
    `without superuser, CREATEROLE or membership in the owner role or writ_log (e.g. writ_api, a member of writ_app; see ` +
    `README.md, "Using an existing PostgreSQL"). Migrations and the seed use DATABASE_OWNER_URL.`;
  if (production) throw new Error(message);
  logger.error(`${message} Allowed outside production only.`);
}
