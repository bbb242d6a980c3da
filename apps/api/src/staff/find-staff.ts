import { notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import type { Staff as StaffRow } from '../generated/prisma/client.js';

/** An account's row, or 404. */
export async function findStaff(db: PrismaService | Tx, id: string): Promise<StaffRow> {
  const row = await db.staff.findUnique({ where: { id } });
  if (!row) throw notFound('This staff account');
  return row;
}
