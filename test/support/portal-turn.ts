// Portal test files share one API, portal and database (portal-global-setup.ts), and some count what all of them
// made (requests per status, the latest published report), so they take turns: each file holds a PostgreSQL
// advisory lock on that database from its first hook to its last. Unit and API files, each with a database of its
// own, run beside them in jest's other workers. The lock goes with its connection, so a crashed worker frees it.
import pg from 'pg';

const TURN = 'writ portal test files';
let holder: pg.Client | undefined;

beforeAll(async () => {
  holder = new pg.Client({ connectionString: process.env.WRIT_PORTAL_DATABASE_URL });
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock(hashtext($1))', [TURN]);
}, 30 * 60_000);

afterAll(async () => {
  await holder?.end();
});
