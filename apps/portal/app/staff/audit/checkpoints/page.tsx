import { ListAuditEvents, ListCheckpoints } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { instant } from '../event-table';
import { ConsistencyBetween } from './consistency-between';
import { groupDigits } from '@/lib/group-digits';

export const metadata = { title: 'Checkpoint history' };
export const dynamic = 'force-dynamic';

const TITLE = 'Checkpoint history';
const PAGE_SIZE = 50;

export default async function CheckpointsPage({ searchParams }: PageProps<'/staff/audit/checkpoints'>) {
  const params = await searchParams;
  const cursor = typeof params.cursor === 'string' ? params.cursor.slice(0, 200) : '';
  const gate = await staffGate(
    TITLE,
    ListAuditEvents.access.roles,
    `/staff/audit/checkpoints${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  if (!gate.ok) return gate.page;
  const list = await getAsStaff(ListCheckpoints, { query: { limit: PAGE_SIZE, cursor: cursor || undefined } });
  const items = list.ok ? list.data.items : [];
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted">
        Each checkpoint signs the size of the log and the root of its Merkle tree at that moment. Any two must be one
        history: the later tree extends the earlier one. Pick two sizes and this browser checks both signatures and the
        proof. <Link href="/staff/audit">Back to the audit explorer</Link>
      </p>
      {/* The oldest non-empty tree on the page against the newest: a real proof, not the empty tree's trivial one. */}
      <ConsistencyBetween
        first={items.filter((item) => item.size > 0).at(-1)?.size ?? null}
        second={items[0]?.size ?? null}
      />
      <h2 id="results">Signed checkpoints{cursor ? ' (older page)' : ''}</h2>
      {!list.ok ? (
        <p role="alert" className="status-bad" data-testid="checkpoints-error">
          The checkpoints could not be loaded: {list.message} Try again in a minute.
        </p>
      ) : items.length === 0 ? (
        <p className="card" data-testid="checkpoints-empty">
          {cursor
            ? 'No older checkpoints.'
            : 'No checkpoint has been signed yet: the log signs one within a second of its first event.'}
        </p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results">
          <table className="queue stack" data-testid="checkpoints">
            <thead>
              <tr>
                <th scope="col">Tree size</th>
                <th scope="col">Signed</th>
                <th scope="col">Root hash</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.size} data-testid="checkpoint-row">
                  <td data-label="Tree size">{groupDigits(item.size)}</td>
                  <td data-label="Signed">{instant(item.signedAt)}</td>
                  <td data-label="Root hash" className="mono wrap">
                    {item.rootHash}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="actions">
        {cursor ? <Link href="/staff/audit/checkpoints">Newest checkpoints</Link> : null}
        {list.ok && list.data.nextCursor ? (
          <Link href={`/staff/audit/checkpoints?cursor=${encodeURIComponent(list.data.nextCursor)}`} rel="next">
            Older checkpoints
          </Link>
        ) : null}
      </p>
    </>
  );
}
