// The portal tests' handle on the real API and database behind the portal: a staff token made directly in the
// database (test/support/auth.ts), and audit events produced the ordinary way, through an API call that is itself
// audited. Used by the audit page tests to grow the log and to fetch receipts as an auditor would.
import pg from 'pg';
import { createStaff, type TestStaff } from '../support/auth';

export function apiUrl(path: string): string {
  return `${process.env.WRIT_API_URL}${path}`;
}

export function openDatabase(): pg.Pool {
  const db = new pg.Pool({ connectionString: process.env.WRIT_PORTAL_DATABASE_URL, max: 2 });
  db.on('error', () => undefined);
  return db;
}

export function createAuditor(db: pg.Pool): Promise<TestStaff> {
  return createStaff({ db }, ['AUDITOR'], 'portal-auditor');
}

/** The latest signed tree size (0 while the log has no checkpoint). */
export async function signedSize(): Promise<number> {
  const response = await fetch(apiUrl('/log/checkpoint'));
  if (response.status === 404) return 0;
  if (!response.ok) throw new Error(`GET /log/checkpoint: HTTP ${response.status}`);
  return Number((await response.text()).split('\n')[1]);
}

/** Appends `count` audit events: each read of the audit events by an auditor is itself an audited action. */
export async function produceEvents(auditor: TestStaff, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await fetch(apiUrl('/audit/events?limit=1'), { headers: auditor.headers });
    if (!response.ok) throw new Error(`GET /audit/events: HTTP ${response.status}`);
  }
}

/** Waits until the integrator has signed a checkpoint of at least `size` entries (it runs every 250 ms). */
export async function waitForSignedSize(size: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await signedSize();
    if (current >= size) return current;
    if (Date.now() > deadline)
      throw new Error(`no checkpoint of size >= ${size} within ${timeoutMs} ms (latest: ${current})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Grows the log by at least `count` entries and returns the new signed size. */
export async function growLog(auditor: TestStaff, count = 2): Promise<number> {
  const before = await signedSize();
  await produceEvents(auditor, count);
  return waitForSignedSize(before + count);
}

export interface LoggedEvent {
  id: string;
  logIndex: number | null;
  leaf: string;
}

/** An audit event already sequenced into the log and covered by the latest checkpoint, with its receipt. */
export async function eventWithReceipt(auditor: TestStaff): Promise<{ event: LoggedEvent; receipt: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(apiUrl('/audit/events?limit=20'), { headers: auditor.headers });
    const page = (await response.json()) as { items: LoggedEvent[] };
    const size = await signedSize();
    const event = page.items.find((item) => item.logIndex !== null && item.logIndex < size);
    if (event) {
      const receipt = await fetch(apiUrl(`/audit/events/${event.id}/receipt`), { headers: auditor.headers });
      if (receipt.ok) return { event, receipt: await receipt.text() };
    }
    if (Date.now() > deadline) throw new Error('no sequenced audit event with a receipt within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
