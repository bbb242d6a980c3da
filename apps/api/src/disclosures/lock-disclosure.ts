import { notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Disclosure } from '../generated/prisma/client.js';
import { lockRequest, type RequestRow } from '../requests/index.js';

/**
 * Every write to a package locks its request first, then the package (the order preparing takes too, so two
 * writers never wait on each other in a circle), and works on what it then reads.
 */
export async function lockDisclosure(tx: Tx, id: string): Promise<{ disclosure: Disclosure; request: RequestRow }> {
  const found = await tx.disclosure.findUnique({ where: { id }, select: { requestId: true } });
  if (!found) throw notFound('This disclosure package');
  const request = await lockRequest(tx, found.requestId);
  await tx.$queryRaw`SELECT id FROM disclosure WHERE id = ${id}::uuid FOR UPDATE`;
  const disclosure = await tx.disclosure.findUniqueOrThrow({ where: { id } });
  return { disclosure, request };
}
