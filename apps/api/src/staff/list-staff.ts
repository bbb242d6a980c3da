import type { ListStaffQuery, StaffPage } from '@writ/contracts';
import type { PrismaService } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { decodeCursor, encodeCursor, staffAccount } from './staff-account.js';

/** Accounts by email, with a search over email and name. */
export async function listStaff(prisma: PrismaService, query: ListStaffQuery): Promise<StaffPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // Prisma hands `contains` to ILIKE as is: escape its wildcards so "%" or "_" typed in the search match themselves.
  const q = query.q?.replace(/[\\%_]/g, (char) => `\\${char}`);
  const where: Prisma.StaffWhereInput = {
    ...(after === undefined ? {} : { email: { gt: after } }),
    ...(q
      ? {
          OR: [{ email: { contains: q, mode: 'insensitive' } }, { displayName: { contains: q, mode: 'insensitive' } }],
        }
      : {}),
  };
  const rows = await prisma.staff.findMany({ where, orderBy: { email: 'asc' }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => staffAccount(row)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.email) : null,
  };
}
