import { GetAuthority, ListRegistryChanges, ListStaff, RegistryChangeStatus } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { single } from '../../admin/words';
import { RegistryChangeList } from './registry-change-list';
import { CHANGE_STATUS_LABEL } from './registry-change-text';

export const metadata = { title: 'Registry changes' };
export const dynamic = 'force-dynamic';

const TITLE = 'Registry changes';
const PAGE_SIZE = 25;

/** Names for the ids on the page: each authority asked for once, and the staff list as a directory of people. */
async function names(
  authorityIds: string[],
): Promise<{ authorities: Record<string, string>; people: Record<string, string> }> {
  const [found, staff] = await Promise.all([
    Promise.all(authorityIds.map((id) => getAsStaff(GetAuthority, { params: { id } }))),
    getAsStaff(ListStaff, { query: { limit: 200 } }),
  ]);
  const authorities: Record<string, string> = {};
  for (const result of found) if (result.ok) authorities[result.data.id] = result.data.name;
  const people: Record<string, string> = {};
  if (staff.ok) for (const person of staff.data.items) people[person.id] = `${person.displayName} (${person.email})`;
  return { authorities, people };
}

export default async function RegistryChangesPage({ searchParams }: PageProps<'/staff/registry/changes'>) {
  const params = await searchParams;
  const status = RegistryChangeStatus.catch('PENDING').parse(single(params.status) || undefined);
  const cursor = single(params.cursor);
  const self = `/staff/registry/changes?${new URLSearchParams({ status, ...(cursor ? { cursor } : {}) })}`;
  const gate = await staffGate(TITLE, ListRegistryChanges.access.roles, self);
  if (!gate.ok) return gate.page;

  const list = await getAsStaff(ListRegistryChanges, {
    query: { status, limit: PAGE_SIZE, cursor: cursor || undefined },
  });
  const directory = list.ok
    ? await names([...new Set(list.data.items.map((change) => change.authorityId))])
    : { authorities: {}, people: {} };
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        Four eyes on the registry, the root of trust for verifying orders: a new key or certificate, a contact channel,
        an activation or a change of kind or country is proposed by one admin and takes effect only when another
        approves it. Compare a key’s fingerprint with the authority before approving.
      </p>
      <nav aria-label="Show registry changes by status">
        <ul className="status-filter">
          {RegistryChangeStatus.options.map((option) => (
            <li key={option}>
              <Link
                href={`/staff/registry/changes?status=${option}`}
                aria-current={option === status ? 'page' : undefined}
              >
                {CHANGE_STATUS_LABEL[option]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{CHANGE_STATUS_LABEL[status]}</h2>
      {list.ok ? (
        <>
          <RegistryChangeList
            changes={list.data.items}
            authorities={directory.authorities}
            people={directory.people}
            me={gate.me.staff.id}
            csrfToken={gate.me.csrfToken ?? ''}
            emptyText={
              cursor
                ? 'No older changes.'
                : status === 'PENDING'
                  ? 'No registry change is waiting for approval.'
                  : `No ${CHANGE_STATUS_LABEL[status].toLowerCase()} changes.`
            }
          />
          <p className="actions">
            {cursor ? <Link href={`/staff/registry/changes?status=${status}`}>Newest changes</Link> : null}
            {list.data.nextCursor ? (
              <Link href={`/staff/registry/changes?${new URLSearchParams({ status, cursor: list.data.nextCursor })}`}>
                Older changes
              </Link>
            ) : null}
          </p>
        </>
      ) : (
        <p role="alert" className="status-bad" data-testid="registry-changes-error">
          The changes could not be loaded: {list.message}
        </p>
      )}
    </>
  );
}
