import pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';

// The small helpers every feature needs around the database, in one place so they cannot drift apart: which error
// a failed statement was, and how long a transaction may take. (The digests stored for lookups and evidence are
// common/sha256.ts: pure code, such as a manifest or a key's fingerprint, must not load the database to hash.)

/**
 * Whether a failed statement was PostgreSQL's `sqlstate`, however it reached us: from a Prisma query (its own code,
 * or P2010 carrying the SQLSTATE for raw SQL) or straight from the driver (the hot paths, prisma.service.ts).
 */
function isSqlState(error: unknown, sqlstate: string, prismaCode: string): boolean {
  if (error instanceof pg.DatabaseError) return error.code === sqlstate;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === prismaCode) return true;
  return error.code === 'P2010' && JSON.stringify(error.meta ?? {}).includes(sqlstate);
}

/** 23505: a unique index refused the row (something that exists already, or a pending change met another). */
export function isUniqueViolation(error: unknown): boolean {
  return isSqlState(error, '23505', 'P2002');
}

/** 23503: a foreign key refused the statement (a row still refers to the one being removed). */
export function isForeignKeyViolation(error: unknown): boolean {
  return isSqlState(error, '23503', 'P2003');
}

/** 57014: a statement of a driver transaction outlived its timeout, waiting for a lock (prisma.service.ts). */
export function isStatementTimeout(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '57014';
}

/**
 * Limits for Prisma's interactive transactions. Writers queue for a busy row's lock (up to `maxWait` for a
 * connection) rather than fail; `timeout` only ends a stuck transaction, so it is sized to the most work a
 * transaction of that kind does. A transaction not listed here takes Prisma's defaults (2 s and 5 s).
 */
export const TX = {
  /** One request, authority or account changed with its audit events. */
  write: { maxWait: 10_000, timeout: 15_000 },
  /** A change that also checks a signature or reads the evidence the policy weighs (verification). */
  evidence: { maxWait: 10_000, timeout: 30_000 },
  /** Many rows, each with its audit event: up to 100 targets × 8 categories of decisions, a report's counts, a
   * log integration batch. */
  bulk: { maxWait: 10_000, timeout: 60_000 },
  /** A disclosure package: every released item streamed to disk and stored, in one transaction. */
  package: { maxWait: 10_000, timeout: 30 * 60_000 },
} as const;
