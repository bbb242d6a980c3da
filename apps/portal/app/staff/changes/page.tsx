import { ListStaff, ListStaffChanges, StaffChangeStatus, type StaffPage } from '@writ/contracts';
import Link from '@/components/link';
import { currentStaff, getAsStaff, type StaffResult } from '@/lib/staff-api';
import { ChangeQueue } from './change-queue';
import { type People, STATUS_LABEL } from './change-text';

export const metadata = { title: 'Staff account changes' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;
/** Names for the ids on the page come from the staff list; a directory past this many accounts shows bare ids. */
const DIRECTORY_PAGES = 5;

const EMPTY: Record<StaffChangeStatus, string> = {
  PENDING: 'No changes are waiting for approval.',
  APPROVED: 'No approved changes.',
  REJECTED: 'No rejected changes.',
  CANCELLED: 'No cancelled changes.',
  EXPIRED: 'No expired changes.',
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function listPage(status: StaffChangeStatus, cursor?: string) {
  return getAsStaff(ListStaffChanges, { query: { status, limit: PAGE_SIZE, cursor: cursor || undefined } });
}

/**
 * A change names accounts by id only (the proposer, the account, the decider). The API has no lookup by id, so the
 * admin's staff list (ADMIN may read it) is the directory; should it fail, the page still works with ids.
 */
async function staffDirectory(): Promise<People> {
  const people: People = {};
  let cursor: string | null = null;
  for (let page = 0; page < DIRECTORY_PAGES; page++) {
    const result: StaffResult<StaffPage> = await getAsStaff(ListStaff, {
      query: { limit: 200, cursor: cursor || undefined },
    });
    if (!result.ok) break;
    for (const { id, email, displayName } of result.data.items) people[id] = { email, displayName };
    cursor = result.data.nextCursor;
    if (!cursor) break;
  }
  return people;
}

function StatusFilter({ current }: { current: StaffChangeStatus }) {
  return (
    <nav aria-label="Show changes by status">
      <ul className="status-filter">
        {StaffChangeStatus.options.map((status) => (
          <li key={status}>
            <Link href={`/staff/changes?status=${status}`} aria-current={status === current ? 'page' : undefined}>
              {STATUS_LABEL[status]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Explanation() {
  return (
    <p className="muted prose">
      Four eyes: what grants or restores access to Writ (a new account, more roles, enabling an account, a password or
      second-factor reset) is proposed by one admin and takes effect only when another admin approves it. Nobody decides
      on a change they proposed or one to their own account.
    </p>
  );
}

export default async function StaffChangesPage({ searchParams }: PageProps<'/staff/changes'>) {
  const params = await searchParams;
  const who = await currentStaff();
  if (who.state !== 'in') {
    return (
      <>
        <h1>Staff account changes</h1>
        <p>
          {who.state === 'unavailable' ? (
            <span className="status-bad">The Writ API cannot be reached right now. </span>
          ) : (
            'Log in with an ADMIN account to see changes waiting for approval. '
          )}
          <Link href="/staff/login">Log in</Link>
        </p>
      </>
    );
  }
  const { staff } = who.me;
  if (!staff.roles.includes('ADMIN')) {
    return (
      <>
        <h1>Staff account changes</h1>
        <p className="status-bad" data-testid="needs-admin">
          This page needs the ADMIN role. You are logged in as {staff.displayName} with the role
          {staff.roles.length > 1 ? 's' : ''} {staff.roles.join(', ')}.
        </p>
        <p>
          <Link href="/staff">Back to Staff</Link>
        </p>
      </>
    );
  }
  if (who.me.passwordChangeRequired) {
    return (
      <>
        <h1>Staff account changes</h1>
        <p className="status-bad">An admin chose your password: replace it with your own before anything else.</p>
        <p>
          <Link href="/staff">Choose your password</Link>
        </p>
      </>
    );
  }

  const status = StaffChangeStatus.catch('PENDING').parse(single(params.status));
  const cursor = single(params.cursor);
  const [list, people] = await Promise.all([listPage(status, cursor), staffDirectory()]);
  return (
    <>
      <h1>Staff account changes</h1>
      <Explanation />
      <StatusFilter current={status} />
      <h2>{STATUS_LABEL[status]}</h2>
      {list.ok ? (
        <>
          <ChangeQueue
            changes={list.data.items}
            people={people}
            me={staff.id}
            csrfToken={who.me.csrfToken ?? ''}
            emptyText={cursor ? 'No older changes.' : EMPTY[status]}
          />
          <p className="actions">
            {cursor ? <Link href={`/staff/changes?status=${status}`}>Newest changes</Link> : null}
            {list.data.nextCursor ? (
              <Link href={`/staff/changes?${new URLSearchParams({ status, cursor: list.data.nextCursor })}`}>
                Older changes
              </Link>
            ) : null}
          </p>
        </>
      ) : (
        <p role="alert" className="status-bad" data-testid="changes-error">
          {list.message}
        </p>
      )}
    </>
  );
}
