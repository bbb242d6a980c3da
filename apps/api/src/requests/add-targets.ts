import { type AddTargets, MAX_TARGETS, type RequestDetail } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { expectEditable, expectVersion, lockRequest } from './lock-request.js';
import { newTargets, publicTargets, targetValues } from './new-targets.js';
import { loadRequestDetail } from './request-view.js';

/** POST /requests/{id}/targets: more identifiers (from the order, or from later correspondence). */
export async function addTargets(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: AddTargets,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  expectVersion(current, input.version);
  await expectEditable(tx, current);

  const existing = await tx.target.findMany({ where: { requestId: id }, select: { selectorType: true, value: true } });
  if (existing.length + input.targets.length > MAX_TARGETS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `targets: a request names at most ${MAX_TARGETS} targets; it names ${existing.length} and you sent ${input.targets.length}.`,
      { issues: [{ path: ['targets'], message: `at most ${MAX_TARGETS} targets in all` }] },
    );
  }
  const named = new Set(existing.map((t) => `${t.selectorType}\u0000${t.value}`));
  const repeats = input.targets.flatMap((t, index) => (named.has(`${t.selectorType}\u0000${t.value}`) ? [index] : []));
  if (repeats.length) {
    throw new AppError(
      'ALREADY_EXISTS',
      `targets: ${repeats.map((i) => `targets[${i}]`).join(', ')} already named in this request.`,
      {
        issues: repeats.map((i) => ({ path: ['targets', i, 'value'], message: 'already named in this request' })),
      },
    );
  }

  const targets = newTargets(input.targets, now);
  await tx.target.createMany({ data: targets.map((target) => ({ ...target, requestId: id })) });
  await tx.request.update({ where: { id }, data: { version: current.version + 1 }, select: { id: true } });
  await audit.record(tx, {
    actor,
    action: 'request.targets.added',
    subjectType: 'request',
    subjectId: id,
    details: {
      version: current.version + 1,
      targets: publicTargets(targets),
    },
    personal: targetValues(targets),
  });
  return loadRequestDetail(tx, id, now);
}
