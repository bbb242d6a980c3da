import type { AuthorityListQuery, AuthorityPage } from '@writ/contracts';
import type { PrismaService } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { toAuthority } from './authority-view.js';
import { assignedCountry } from './country.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/** Authorities by name, filtered by kind, status, country and a search in the name. */
export async function listAuthorities(prisma: PrismaService, query: AuthorityListQuery): Promise<AuthorityPage> {
  const where: Prisma.AuthorityWhereInput = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.country ? { country: assignedCountry(query.country) } : {}),
    // Prisma passes `contains` to ILIKE as is: escape its wildcards so a search is for the text typed.
    ...(query.q ? { name: { contains: query.q.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } } : {}),
  };
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    where.AND = [{ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }];
  }
  const rows = await prisma.authority.findMany({
    where,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuthority),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
