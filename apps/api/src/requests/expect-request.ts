import { notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';

/** 404 unless the request exists: for reads of what hangs off a request (its evidence, decisions, packages). */
export async function expectRequest(db: PrismaService | Tx, id: string): Promise<void> {
  const request = await db.request.findUnique({ where: { id }, select: { id: true } });
  if (!request) throw notFound('This request');
}
