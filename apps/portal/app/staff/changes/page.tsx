import { GetStaff, ListStaffChanges, type StaffChange, StaffChangeStatus } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { ChangeQueue } from './change-queue';
import { type People, STATUS_LABEL } from './change-text';

export const metadata = { title: 'Staff account changes' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;
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
 * A change names accounts by id only (the proposer, the account, the decider): each account on this page is looked
 * up by its id (GET /staff/{id}), side by side. Should a lookup fail, that person is shown by id and the page still
 * works.
 */
async function namesOnPage(changes: readonly StaffChange[]): Promise<People> {
  const ids = [
    ...new Set(changes.flatMap((c) => [c.proposedBy, c.staffId, c.decidedBy]).filter((id): id is string => !!id)),
  ];
  const found = await Promise.all(ids.map((id) => getAsStaff(GetStaff, { params: { id } })));
  const people: People = {};
  for (const result of found) {
    if (result.ok) people[result.data.id] = { email: result.data.email, displayName: result.data.displayName };
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
  const status = StaffChangeStatus.catch('PENDING').parse(single(params.status));
  const cursor = single(params.cursor);
  const here = `/staff/changes?${new URLSearchParams({ status, ...(cursor ? { cursor } : {}) })}`;
  const gate = await staffGate('Staff account changes', ListStaffChanges.access.roles, here);
  if (!gate.ok) return gate.page;
  const { me } = gate;
  const list = await listPage(status, cursor);
  const people = list.ok ? await namesOnPage(list.data.items) : {};
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
            me={me.staff.id}
            csrfToken={me.csrfToken ?? ''}
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
