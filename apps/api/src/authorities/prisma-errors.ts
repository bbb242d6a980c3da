import { Prisma } from '../generated/prisma/client.js';

/** PostgreSQL unique violation, as Prisma reports it (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Foreign-key violation (P2003): a row still refers to the one being removed. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}
