import { randomUUID } from 'node:crypto';
import {
  type DisclosureManifest,
  type DisclosureView,
  MANIFEST_FORMAT,
  type ReleasableCategory,
  type RequestStatus,
} from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { isUniqueViolation, type PrismaService, TX, type Tx } from '../database/index.js';
import { lockRequest } from '../requests/index.js';
import { advanceRequest } from './advance-request.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';
import { signManifest } from './manifest.js';
import { deletePackageFiles, PackageFilesWriter, packageItemJson } from './package-files.js';
import { ReleasedItemInserter } from './released-item-inserter.js';
import { releaseItems, type ReleasePlan } from './release-items.js';
import { lookUpTargets, storeTargetLookups } from '../subscriber-data/index.js';

type Counts = Record<ReleasableCategory, number>;
const zero = (): Counts => ({ IP_ADDRESS: 0, PHONE_NUMBER: 0 });

/** The refusals that need no lock: checked before lookups, and again under the request lock. */
async function assertPreparable(db: PrismaService | Tx, requestId: string, status: RequestStatus): Promise<void> {
  const open = await db.disclosure.findFirst({
    where: { requestId, status: { notIn: ['REJECTED', 'EXPIRED'] } },
    select: { id: true, status: true },
  });
  if (open) {
    throw new AppError(
      'ALREADY_EXISTS',
      `This request already has a disclosure package (${open.id}, ${open.status}); a request has one package at a ` +
        'time. An approver can reject a prepared one, after which a new one can be prepared.',
      { disclosureId: open.id, status: open.status },
    );
  }
  if (status !== 'DECIDED') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `A package is prepared from a DECIDED request; this one is ${status}.` +
        (status === 'VERIFIED' ? ' Record the policy decisions first.' : ''),
      { from: status, to: 'DISCLOSURE_PREPARED' },
    );
  }
  const releases = await db.decision.count({ where: { requestId, outcome: 'RELEASE' } });
  if (releases === 0) {
    throw new AppError(
      'NOTHING_TO_RELEASE',
      'No decision of this request says RELEASE, so there is nothing to put in a package. Close the request with ' +
        'its reason instead (DECIDED → CLOSED).',
    );
  }
}

/**
 * Targets a RELEASE decision names whose account was never looked up (the store did not answer when the decisions
 * were recorded) are looked up now, outside any transaction as the store may be remote, and stored with their audit
 * event: a NOT_FOUND is a result the reports count, whether or not a package follows.
 */
async function resolveUnresolvedTargets(ctx: DisclosureContext, actor: Identity, requestId: string): Promise<void> {
  const targets = await ctx.prisma.target.findMany({
    where: { requestId, lookupResult: null, decisions: { some: { outcome: 'RELEASE' } } },
    select: { id: true, selectorType: true, value: true },
  });
  if (targets.length === 0) return;
  const { found, failed } = await lookUpTargets(ctx.lookup, targets);
  if (failed.length > 0) {
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'The subscriber store did not answer which account a target designates; nothing was prepared. Try again.',
      { targetId: failed[0]!.id, cause: failed[0]!.error.message },
    );
  }
  await ctx.prisma.$transaction((tx) => storeTargetLookups(tx, ctx.audit, actor, requestId, found));
}

/**
 * DECIDED → DISCLOSURE_PREPARED: the package, from the stored RELEASE decisions only. Each decision's target must
 * have resolved to an account (else nothing is released for it: NOT_FOUND); a PHONE_NUMBER decision releases that
 * account's number, an IP_ADDRESS decision its connections inside the decision's window (the target's window,
 * which the engine checked and which cannot change after the decisions). Connections stream from the source
 * through the cipher to disk and into released_item in batches, so memory stays flat. The files, every item, the
 * signed manifest, the audit event and the transition commit together or not at all (files of a failed attempt
 * are deleted).
 */
export async function prepareDisclosure(
  ctx: DisclosureContext,
  actor: Identity,
  requestId: string,
): Promise<DisclosureView> {
  const request = await ctx.prisma.request.findUnique({ where: { id: requestId }, select: { status: true } });
  if (!request) throw notFound('This request');
  await assertPreparable(ctx.prisma, requestId, request.status as RequestStatus);
  await resolveUnresolvedTargets(ctx, actor, requestId);

  const disclosureId = randomUUID();
  const now = new Date();
  try {
    const row = await ctx.prisma.transactionWithDriver(async (tx, sql) => {
      const current = await lockRequest(tx, requestId);
      await assertPreparable(tx, requestId, current.status as RequestStatus);
      const decisions = await tx.decision.findMany({
        where: { requestId, outcome: 'RELEASE' },
        include: { target: true },
        orderBy: [{ target: { createdAt: 'asc' } }, { targetId: 'asc' }, { category: 'asc' }],
      });
      const plans: ReleasePlan[] = decisions.map((decision) => {
        const { target } = decision;
        const category = decision.category as ReleasableCategory;
        return {
          decisionId: decision.id,
          targetId: target.id,
          category,
          accountId: target.lookupResult === 'FOUND' ? target.resolvedAccountId : null,
          window:
            category === 'IP_ADDRESS' && target.windowStart && target.windowEnd
              ? { start: target.windowStart, end: target.windowEnd }
              : null,
        };
      });

      await tx.disclosure.create({
        data: { id: disclosureId, requestId, manifest: {}, sha256: '', preparedById: actor.staffId, preparedAt: now },
        select: { id: true },
      });
      const writer = await PackageFilesWriter.open(ctx.env.STORAGE_DIR, ctx.keys.encryptionKey, disclosureId);
      const perTarget = new Map<string, Counts>(decisions.map((d) => [d.targetId, zero()]));
      const total = zero();
      const inserter = new ReleasedItemInserter(sql, disclosureId);
      let files;
      try {
        await releaseItems(ctx.data, plans, async (items) => {
          const lines = items.map(packageItemJson);
          // The database first: its batches run while the files are written.
          await inserter.add(lines);
          await writer.add(items, lines);
          for (const item of items) {
            perTarget.get(item.targetId)![item.category] += 1;
            total[item.category] += 1;
          }
        });
        await inserter.finish();
        files = await writer.close();
      } catch (error) {
        writer.abort();
        await inserter.settle();
        throw error;
      }
      if (total.IP_ADDRESS + total.PHONE_NUMBER === 0) {
        throw new AppError(
          'NOTHING_TO_RELEASE',
          'The platform holds nothing the decisions release: no target designates an account with a phone number or ' +
            'connections inside its window. Answer the authority with NO_DATA instead (DECIDED → NO_DATA).',
          { targets: [...new Set(decisions.map((d) => d.targetId))].length },
        );
      }

      const targets = [...new Map(decisions.map((d) => [d.targetId, d.target])).values()];
      const manifest: DisclosureManifest = {
        format: MANIFEST_FORMAT,
        disclosureId,
        requestId,
        reference: current.reference,
        caseNumber: current.caseNumber,
        policyHash: decisions[0]!.policyHash,
        preparedAt: now.toISOString(),
        decisions: plans.map((plan) => ({
          id: plan.decisionId,
          targetId: plan.targetId,
          category: plan.category,
          window: plan.window && { start: plan.window.start.toISOString(), end: plan.window.end.toISOString() },
        })),
        targets: targets.map((target) => ({
          id: target.id,
          selectorType: target.selectorType,
          value: target.value,
          lookupResult: target.lookupResult ?? 'NOT_FOUND',
          items: perTarget.get(target.id)!,
        })),
        items: total,
        files: files.map((file) => ({
          name: file.name as 'data.json' | 'data.csv',
          size: file.size,
          sha256: file.sha256,
        })),
      };
      const signed = signManifest(manifest, ctx.keys.signer);
      const updated = await tx.disclosure.update({
        where: { id: disclosureId },
        data: { manifest, sha256: signed.sha256, signature: signed.note },
      });
      // The log proves what was prepared and when: the manifest's hash (which covers each file's hash) is public;
      // the values themselves are not in the event at all.
      await ctx.audit.record(tx, {
        actor,
        action: 'disclosure.prepared',
        subjectType: 'request',
        subjectId: requestId,
        details: {
          disclosureId,
          manifestSha256: signed.sha256,
          policyHash: manifest.policyHash,
          decisionIds: plans.map((plan) => plan.decisionId),
          items: total,
          targetsWithoutAccount: manifest.targets.filter((t) => t.lookupResult !== 'FOUND').map((t) => t.id),
        },
      });
      await advanceRequest(tx, ctx, actor, current, { to: 'DISCLOSURE_PREPARED' }, now);
      return updated;
    }, TX.package);
    return toDisclosureView(row, ctx.keys.verifierKey);
  } catch (error) {
    await deletePackageFiles(ctx.env.STORAGE_DIR, disclosureId);
    if (isUniqueViolation(error)) {
      throw new AppError(
        'ALREADY_EXISTS',
        'This request already has a disclosure package; a request has one at a time.',
      );
    }
    throw error;
  }
}
