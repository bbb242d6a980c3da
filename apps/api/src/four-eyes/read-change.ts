import { notFound } from '../common/index.js';
import type { PrismaService } from '../database/index.js';
import { type ChangeRow, type ChangeTable, changes } from './change-table.js';

/** One change as its admin view. */
export async function readChange<Row extends ChangeRow, View>(
  prisma: PrismaService,
  table: ChangeTable<Row, View>,
  id: string,
): Promise<View> {
  const row = await changes(prisma, table).findUnique({
    where: { id },
    include: table.include,
  });
  if (!row) throw notFound(`This ${table.noun}`);
  return table.view(row, new Date());
}
