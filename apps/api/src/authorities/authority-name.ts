import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';

/** Collapses runs of white space, so "Amtsgericht  Berlin" and "Amtsgericht Berlin" are one name. */
export const normaliseName = (name: string) => name.replace(/\s+/g, ' ').trim();

/**
 * One registry entry per court: the same name in the same country, ignoring case, is a duplicate (the unique
 * index alone would let "amtsgericht berlin" sit beside "Amtsgericht Berlin"). The advisory lock serialises
 * this check per country, so two concurrent requests cannot both pass it.
 */
export async function refuseSameName(tx: Tx, country: string, name: string, exceptId: string | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('writ:authority-name'), hashtext(${country}))`;
  const existing = await tx.authority.findFirst({
    where: { country, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (existing) throw sameName(country, name, existing.id);
}

export function sameName(country: string, name: string, existingId?: string): AppError {
  return new AppError(
    'ALREADY_EXISTS',
    `An authority named "${name}" is already registered for ${country}.`,
    existingId ? { existingId } : undefined,
  );
}
