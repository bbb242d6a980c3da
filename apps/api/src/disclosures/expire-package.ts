import type { AuditService } from '../audit/index.js';
import type { Tx } from '../database/index.js';
import type { Disclosure } from '../generated/prisma/client.js';
import { recordTransition, type RequestRow } from '../requests/index.js';
import type { DisclosureContext } from './disclosure-context.js';
import { lockDisclosure } from './lock-disclosure.js';
import { deletePackageFiles } from './package-files.js';

const SYSTEM = { system: 'disclosure-expiry' };
const REASON = 'The download link expired unused; the package files were deleted. Prepare and approve a new package.';

/** An approved package whose link ran out unused: APPROVED in the row, EXPIRED in fact from that instant on. */
export function linkExpired(disclosure: Disclosure, now: Date): boolean {
  return (
    disclosure.status === 'APPROVED' &&
    disclosure.downloadExpiresAt !== null &&
    disclosure.downloadExpiresAt.getTime() <= now.getTime()
  );
}

/** What a package is at `now`, whether or not the sweeper got to it yet (as registry changes' effectiveStatus). */
export function effectiveStatus(disclosure: Disclosure, now: Date): Disclosure['status'] {
  return linkExpired(disclosure, now) ? 'EXPIRED' : disclosure.status;
}

/**
 * Ends a package whose link expired unused, in the caller's transaction (which holds the request and package
 * locks): the package EXPIRED with its files marked deleted (the caller deletes them after commit), and the request
 * back from APPROVED to DECIDED, so that a new package can be prepared and approved. Nobody did this, so the
 * request's step carries no person (the only step that may, a database CHECK says), and the events are the system's.
 */
export async function expirePackage(
  tx: Tx,
  audit: AuditService,
  locked: { disclosure: Disclosure; request: RequestRow },
  now: Date,
): Promise<void> {
  const { disclosure, request } = locked;
  await tx.disclosure.update({
    where: { id: disclosure.id },
    data: { status: 'EXPIRED', filesDeletedAt: disclosure.filesDeletedAt ?? now },
    select: { id: true },
  });
  await audit.record(tx, {
    actor: SYSTEM,
    action: 'disclosure.expired',
    subjectType: 'request',
    subjectId: disclosure.requestId,
    details: {
      disclosureId: disclosure.id,
      manifestSha256: disclosure.sha256,
      requestBackTo: request.status === 'APPROVED' ? 'DECIDED' : null,
    },
  });
  // A request that moved on otherwise (withdrawn while the link was out) keeps its status.
  if (request.status !== 'APPROVED') return;
  await recordTransition(tx, audit, SYSTEM, request, {
    to: 'DECIDED',
    reason: REASON,
    reasonCode: null,
    outcome: request.outcome,
    personal: {},
    now,
  });
}

/**
 * Makes a package's expiry true in the rows before an operation looks at it (the sweeper may not have run yet),
 * in its own transaction: the operation that follows then refuses, but the expiry stays done.
 */
export async function expireIfDue(ctx: DisclosureContext, id: string, now: Date): Promise<void> {
  const found = await ctx.prisma.disclosure.findUnique({
    where: { id },
    select: { status: true, downloadExpiresAt: true },
  });
  if (!found || found.status !== 'APPROVED' || !found.downloadExpiresAt) return;
  if (found.downloadExpiresAt.getTime() > now.getTime()) return;
  const expired = await ctx.prisma.$transaction(async (tx) => {
    const locked = await lockDisclosure(tx, id);
    if (!linkExpired(locked.disclosure, now)) return false;
    await expirePackage(tx, ctx.audit, locked, now);
    return true;
  });
  if (expired) await deletePackageFiles(ctx.env.STORAGE_DIR, id);
}
