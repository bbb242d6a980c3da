import { randomUUID } from 'node:crypto';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { Integrator } from '../../apps/api/src/transparency-log/integrator';
import type { TestApp } from './test-app';

/**
 * The action test events are written with: a declared one (AuditService takes no other), carrying one personal
 * identifier, `accountId`, like every event that commits to personal data.
 */
export const TEST_ACTION = 'target.looked_up';

/** Writes `count` audit events the way features do (in a transaction, through AuditService). */
export async function writeEvents(t: TestApp, count: number): Promise<bigint[]> {
  const prisma = t.app.get(PrismaService);
  const audit = t.app.get(AuditService);
  const ids: bigint[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await prisma.$transaction((tx) =>
        audit.record(tx, {
          actor: { system: 'test' },
          action: TEST_ACTION,
          subjectType: 'request',
          subjectId: randomUUID(),
          details: { targetId: randomUUID(), lookupResult: 'FOUND' },
          personal: { accountId: `+4915${String(10000000 + i)}` },
        }),
      ),
    );
  }
  return ids;
}

export async function integrate(t: TestApp): Promise<number> {
  return t.app.get(Integrator).integrate();
}
