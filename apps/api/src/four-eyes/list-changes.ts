import type { PrismaService } from '../database/index.js';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor.js';
import { type ChangeRow, type ChangeStatus, type ChangeTable, changes } from './change-table.js';

export interface ListChangesOptions {
  /** The table's own filters, as columns: { kind }, { staffId }, { authorityId }. */
  filter: Record<string, string | undefined>;
  status?: ChangeStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of changes, newest first. */
export async function listChanges<Row extends ChangeRow, View>(
  prisma: PrismaService,
  table: ChangeTable<Row, View>,
  options: ListChangesOptions,
): Promise<{ items: View[]; nextCursor: string | null }> {
  const now = new Date();
  const and: object[] = Object.entries(options.filter)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => ({ [column]: value }));
  // EXPIRED is also a PENDING row past its expiry that nobody has closed yet.
  if (options.status === 'PENDING') and.push({ status: 'PENDING', expiresAt: { gt: now } });
  else if (options.status === 'EXPIRED')
    and.push({ OR: [{ status: 'EXPIRED' }, { status: 'PENDING', expiresAt: { lte: now } }] });
  else if (options.status) and.push({ status: options.status });
  if (options.cursor) {
    const after = decodeChangeCursor(options.cursor);
    and.push({
      OR: [{ proposedAt: { lt: after.proposedAt } }, { proposedAt: after.proposedAt, id: { lt: after.id } }],
    });
  }
  const rows = await changes(prisma, table).findMany({
    where: { AND: and },
    orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }],
    take: options.limit + 1,
    include: table.include,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => table.view(row, now)),
    nextCursor: rows.length > options.limit && last ? encodeChangeCursor(last) : null,
  };
}
