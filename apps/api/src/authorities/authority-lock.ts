import { notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';

/** Locks and reads an authority row: writes to one authority (and its channels and keys) run one at a time. */
export async function lockAuthority(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM authority WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound('This authority');
  return tx.authority.findUniqueOrThrow({ where: { id } });
}
