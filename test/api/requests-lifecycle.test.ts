// The lifecycle table (packages/contracts/src/requests/lifecycle.ts), walked over HTTP: every transition it lists
// succeeds for each of its roles and is 403 for the other roles — except the evidence-carrying steps, which the
// generic route refuses with 409 for everyone — every pair it does not list is 409, and a refused transition
// changes nothing at all.
import {
  ErrorBody,
  findTransition,
  GetRequestRoute,
  RequestDetail,
  RequestStatus,
  type StaffRole,
  type Transition,
  TRANSITIONS,
  transitionsFrom,
} from '@writ/contracts';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { transitionRequest } from '../../apps/api/src/requests/transition-request';
import { createStaff, type TestStaff } from '../support/auth';
import { okAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  auditEvents,
  callRaw,
  counts,
  createAuthority,
  createRequest,
  forceStatus,
  personalValue,
  requestRow,
  validRequest,
} from './requests.fixtures';

/** The roles the route admits; AUDITOR and ADMIN are stopped by the route itself (access-matrix test). */
const ROUTE_ROLES = ['INTAKE', 'REVIEWER', 'APPROVER'] as const satisfies readonly StaffRole[];

let t: TestApp;
let staff: Record<(typeof ROUTE_ROLES)[number], TestStaff>;
let everyone: TestStaff;
let auditor: TestStaff;
let authorityId: string;
beforeAll(async () => {
  t = await startTestApp();
  const [intake, reviewer, approver] = await Promise.all(ROUTE_ROLES.map((role) => createStaff(t, [role])));
  staff = { INTAKE: intake!, REVIEWER: reviewer!, APPROVER: approver! };
  everyone = await createStaff(t, ['INTAKE', 'REVIEWER', 'APPROVER'], 'everyone');
  auditor = await createStaff(t, ['AUDITOR']);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

async function addReleaseDecision(requestId: string): Promise<void> {
  await t.db.query(
    `INSERT INTO decision (id, request_id, target_id, category, outcome, reasons, policy_hash, decided_by_id)
     SELECT gen_random_uuid(), $1, id, 'PHONE_NUMBER', 'RELEASE', '[]', repeat('f', 64), $2
       FROM target WHERE request_id = $1 LIMIT 1`,
    [requestId, staff.REVIEWER.id],
  );
}

async function requestIn(status: RequestStatus): Promise<{ id: string; version: number }> {
  const created = await createRequest(t, staff.INTAKE, validRequest(authorityId));
  const version = status === 'RECEIVED' ? created.version : await forceStatus(t, created.id, status);
  return { id: created.id, version };
}

function bodyFor(edge: Transition, version: number): Record<string, unknown> {
  return {
    to: edge.to,
    version,
    ...(edge.requires.includes('reason') ? { reason: 'Explained in words' } : {}),
    ...(edge.requires.includes('reasonCode') ? { reasonCode: 'SCOPE' } : {}),
  };
}

async function snapshot(id: string) {
  return { row: await requestRow(t, id), counts: await counts(t) };
}

/** As written: the bodies come from the transition table, some with fields a step does not take. */
const transition = (id: string, as: TestStaff, body: Record<string, unknown>) =>
  callRaw(t, 'POST', `/requests/${id}/transitions`, { as, body });

describe('every transition in the table', () => {
  it.each(TRANSITIONS.map((edge) => [`${edge.from} → ${edge.to}`, edge] as const))(
    '%s: allowed for its roles, 403 for the others',
    async (_name, edge) => {
      const refused = await requestIn(edge.from);
      for (const role of ROUTE_ROLES.filter((r) => !edge.roles.includes(r))) {
        const before = await snapshot(refused.id);
        const reply = await transition(refused.id, staff[role], bodyFor(edge, refused.version));
        expect({ role, status: reply.status }).toEqual({ role, status: 403 });
        const { error } = ErrorBody.parse(reply.body);
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain(edge.action);
        expect(error.message).toContain(edge.roles.join(' or '));
        expect(await snapshot(refused.id)).toEqual(before);
      }
      const byAuditor = await transition(refused.id, auditor, bodyFor(edge, refused.version));
      expect(byAuditor.status).toBe(403);

      for (const role of edge.roles) {
        const { id, version } = await requestIn(edge.from);
        if (edge.drivenBy) {
          // Evidence-carrying steps are refused here even for their own roles: only their feature may take them.
          const before = await snapshot(id);
          const reply = await transition(id, staff[role as (typeof ROUTE_ROLES)[number]], bodyFor(edge, version));
          expect({ role, status: reply.status }).toEqual({ role, status: 409 });
          expect(ErrorBody.parse(reply.body).error).toMatchObject({
            code: 'ILLEGAL_TRANSITION',
            details: { drivenBy: edge.drivenBy },
          });
          expect(await snapshot(id)).toEqual(before);
          continue;
        }
        // "No data" presupposes that something could have been released.
        if (edge.from === 'DECIDED' && edge.to === 'NO_DATA') await addReleaseDecision(id);
        const before = await counts(t);
        const reply = await transition(id, staff[role as (typeof ROUTE_ROLES)[number]], bodyFor(edge, version));
        expect({ role, status: reply.status, body: reply.status === 200 ? null : reply.body }).toEqual({
          role,
          status: 200,
          body: null,
        });
        const body = RequestDetail.parse(reply.body);
        const expectedOutcome = edge.outcome === 'FROM_REASON_CODE' ? 'REJECTED_SCOPE' : (edge.outcome ?? 'PENDING');
        expect(body).toMatchObject({ status: edge.to, version: version + 1, outcome: expectedOutcome });
        expect(body.transitions.at(-1)).toMatchObject({
          from: edge.from,
          to: edge.to,
          actorId: staff[role as (typeof ROUTE_ROLES)[number]].id,
        });
        expect(body.respondedAt !== null).toBe(Boolean(edge.answers));
        expect(body.withdrawnAt !== null).toBe(edge.to === 'WITHDRAWN');
        if (edge.from === 'RECEIVED') expect(body.acknowledgedAt).not.toBeNull();
        expect(await counts(t)).toEqual({ ...before, transition: before.transition + 1, audit: before.audit + 1 });
        const [event] = await auditEvents(t, id, 'request.transitioned');
        expect(event!.details).toMatchObject({ from: edge.from, to: edge.to, outcome: expectedOutcome });
        if (edge.requires.includes('reason')) {
          expect(personalValue(event!.details, 'reason')).toBe('Explained in words');
          expect(event!.leaf.toString('utf8')).not.toContain('Explained in words');
        }
      }
    },
  );
});

describe('every pair the table does not list', () => {
  it.each(RequestStatus.options.map((from) => [from] as const))(
    'from %s: 409 ILLEGAL_TRANSITION naming from, to and the allowed next states; nothing changes',
    async (from) => {
      const { id, version } = await requestIn(from);
      const illegal = RequestStatus.options.filter((to) => !findTransition(from, to));
      const allowed = transitionsFrom(from).map((edge) => edge.to);
      expect(illegal.length + allowed.length).toBe(RequestStatus.options.length);
      for (const to of illegal) {
        const before = await snapshot(id);
        const reply = await transition(id, everyone, { to, version, reason: 'r', reasonCode: 'INVALID' });
        expect({ to, status: reply.status }).toEqual({ to, status: 409 });
        const { error } = ErrorBody.parse(reply.body);
        expect(error.code).toBe('ILLEGAL_TRANSITION');
        expect(error.message).toContain(`from ${from} to ${to}`);
        if (allowed.length) expect(error.message).toContain(allowed.join(', '));
        else expect(error.message).toContain('final');
        expect(error.details).toEqual({ from, to, allowed });
        expect(await snapshot(id)).toEqual(before);
      }
    },
  );
});

describe('transition rules', () => {
  it('cannot be used to skip verification: a request reaches VERIFIED only through confirmed evidence', async () => {
    const { id } = await requestIn('RECEIVED');
    const review = await transition(id, staff.REVIEWER, { to: 'IN_REVIEW', version: 1 });
    expect(review.status).toBe(200);
    const before = await snapshot(id);
    const skip = await transition(id, staff.APPROVER, { to: 'VERIFIED', version: 2 });
    expect(skip.status).toBe(409);
    expect(ErrorBody.parse(skip.body).error.message).toMatch(
      /only through a second person confirming the verification evidence/,
    );
    expect(await snapshot(id)).toEqual(before);
    const rejected = await transition(id, staff.REVIEWER, {
      to: 'REJECTED',
      version: 2,
      reason: 'No order attached',
      reasonCode: 'UNVERIFIED',
    });
    expect(rejected.status).toBe(200);
    const detail = await okAs(t, GetRequestRoute, { params: { id } }, auditor);
    expect(detail.transitions.map((step) => step.to)).toEqual(['IN_REVIEW', 'REJECTED']);
    expect(detail).toMatchObject({ status: 'REJECTED', outcome: 'REJECTED_UNVERIFIED', nextTransitions: [] });
    expect(Date.parse(detail.acknowledgedAt!)).toBeLessThanOrEqual(Date.parse(detail.respondedAt!));
  });

  it('keeps the outcome the decisions fixed: closing a request whose decisions released nothing does not rewrite it', async () => {
    const { id, version } = await requestIn('DECIDED');
    await t.db.query(`UPDATE request SET outcome = 'REJECTED_NOT_COURT_ORDER' WHERE id = $1`, [id]);
    const noData = await transition(id, staff.REVIEWER, { to: 'NO_DATA', version });
    expect(noData.status).toBe(409);
    const closed = await transition(id, staff.REVIEWER, {
      to: 'CLOSED',
      version,
      reason: 'Answered',
      reasonCode: 'SCOPE',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'REJECTED_NOT_COURT_ORDER' });
  });

  it('requires a reason and a reason code to reject, and refuses fields a step does not take', async () => {
    const { id, version } = await requestIn('IN_REVIEW');
    const bare = await transition(id, staff.REVIEWER, { to: 'REJECTED', version });
    expect(bare.status).toBe(400);
    expect(ErrorBody.parse(bare.body).error.message).toBe(
      'reason: is required to reject; reasonCode: is required to reject',
    );
    const extra = await transition(id, staff.REVIEWER, { to: 'VERIFIED', version, reasonCode: 'SCOPE' });
    expect(extra.status).toBe(403); // the reviewer may not verify: the role is checked before the fields
    const wrongField = await transition(id, staff.APPROVER, { to: 'VERIFIED', version, reasonCode: 'SCOPE' });
    expect(wrongField.status).toBe(400);
    expect(ErrorBody.parse(wrongField.body).error.message).toBe('reasonCode: does not apply to confirm verification');
    const rejected = await transition(id, staff.REVIEWER, {
      to: 'REJECTED',
      version,
      reason: 'Police letter, no court order',
      reasonCode: 'NOT_COURT_ORDER',
    });
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      outcome: 'REJECTED_NOT_COURT_ORDER',
      statusReason: 'Police letter, no court order',
    });
  });

  it('answers 409 VERSION_CONFLICT for a stale version, before anything else', async () => {
    const { id } = await requestIn('RECEIVED');
    const before = await snapshot(id);
    const reply = await transition(id, staff.REVIEWER, { to: 'IN_REVIEW', version: 7 });
    expect(reply.status).toBe(409);
    expect(ErrorBody.parse(reply.body).error.code).toBe('VERSION_CONFLICT');
    expect(await snapshot(id)).toEqual(before);
  });

  it('keeps four eyes for the disclosure steps: whoever prepared a disclosure cannot approve it', async () => {
    // The disclosure workflow drives these steps through transitionRequest; call it as that feature would.
    const both = await createStaff(t, ['REVIEWER', 'APPROVER'], 'both');
    const approver = staff.APPROVER;
    const as = (person: TestStaff, roles: StaffRole[]) => ({
      staffId: person.id,
      email: person.email,
      roles,
      via: 'token' as const,
    });
    const drive = (person: TestStaff, roles: StaffRole[], to: RequestStatus, version: number) =>
      t.app
        .get(PrismaService)
        .$transaction((tx) =>
          transitionRequest(
            tx,
            t.app.get(AuditService),
            as(person, roles),
            id,
            { to, version },
            new Date(),
            'disclosure',
          ),
        );
    const { id, version } = await requestIn('DECIDED');
    await drive(both, ['REVIEWER', 'APPROVER'], 'DISCLOSURE_PREPARED', version);
    const before = await snapshot(id);
    await expect(drive(both, ['REVIEWER', 'APPROVER'], 'APPROVED', version + 1)).rejects.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
    });
    expect(await snapshot(id)).toEqual(before);
    await expect(drive(approver, ['APPROVER'], 'APPROVED', version + 1)).resolves.toMatchObject({ status: 'APPROVED' });
  });

  it('lets only one of two simultaneous transitions through', async () => {
    const { id, version } = await requestIn('IN_REVIEW');
    const replies = await Promise.all([
      transition(id, staff.REVIEWER, { to: 'REJECTED', version, reason: 'x', reasonCode: 'INVALID' }),
      transition(id, staff.INTAKE, { to: 'WITHDRAWN', version }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    expect((await requestRow(t, id)).version).toBe(version + 1);
  });
});
