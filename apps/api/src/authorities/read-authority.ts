import type { AuthorityDetail } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import { DETAIL_INCLUDE, toDetail } from './authority-view.js';

/** An authority with its channels and keys (revoked ones too), or 404. */
export async function readAuthority(db: PrismaService | Tx, id: string): Promise<AuthorityDetail> {
  const row = await db.authority.findUnique({ where: { id }, include: DETAIL_INCLUDE });
  if (!row) throw notFound('This authority');
  return toDetail(row);
}
