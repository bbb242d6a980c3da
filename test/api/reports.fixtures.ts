// A small fixed data set for the report tests, written straight into the database (the lifecycle that produces
// such rows has its own tests): requests with chosen outcomes, timestamps, targets and one delivered disclosure.
import { createHash, randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app';
import { createStaff } from '../support/auth';
import { createAuthority } from './requests.fixtures';

export interface FixtureRequest {
  country: string;
  legalProcess: string;
  type?: string;
  outcome: string;
  receivedAt: string;
  ackHours?: number;
  effectHours?: number;
  /** has an NDO; `ndoEndsAt` null: open-ended. */
  ndo?: { endsAt: string | null };
  notifiedAt?: string;
  targets?: number;
  offenceCategoryCode?: string;
  /** Release the first target's IP address and phone number in a disclosure of this status. */
  disclose?: { status: 'DELIVERED' | 'PREPARED'; categories: ('IP_ADDRESS' | 'PHONE_NUMBER')[] };
}

const STATUS_FOR: Record<string, string> = {
  PENDING: 'RECEIVED',
  DISCLOSED: 'DELIVERED',
  NO_DATA: 'NO_DATA',
  WITHDRAWN: 'WITHDRAWN',
};

const hoursAfter = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000);

export async function insertRequests(
  t: Pick<TestApp, 'db'>,
  staffId: string,
  requests: FixtureRequest[],
): Promise<string[]> {
  const authorities = new Map<string, string>();
  const ids: string[] = [];
  let approverId: string | undefined;
  for (const r of requests) {
    let authorityId = authorities.get(r.country);
    if (!authorityId) {
      authorityId = await createAuthority(t, { country: r.country });
      authorities.set(r.country, authorityId);
    }
    const id = randomUUID();
    ids.push(id);
    await t.db.query(
      `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, acknowledged_at,
                            responded_at, has_ndo, ndo_ends_at, user_notified_at, status, outcome, search_text,
                            created_by_id, updated_at, offence_category_code)
       VALUES ($1, $2, $3::"RequestType", $4::"LegalProcess", $5, $6, $7, $8, $9, $10, $11, $12, $13::"RequestStatus",
               $14::"Outcome", '', $15, now(), $16::"OffenceCategoryCode")`,
      [
        id,
        `WR-TEST-${id.slice(0, 8)}`,
        r.type ?? 'RECORDS',
        r.legalProcess,
        authorityId,
        r.country,
        r.receivedAt,
        r.ackHours === undefined ? null : hoursAfter(r.receivedAt, r.ackHours),
        r.effectHours === undefined ? null : hoursAfter(r.receivedAt, r.effectHours),
        r.ndo !== undefined,
        r.ndo?.endsAt ?? null,
        r.notifiedAt ?? null,
        STATUS_FOR[r.outcome] ?? 'REJECTED',
        r.outcome,
        staffId,
        r.offenceCategoryCode ?? null,
      ],
    );
    const targetIds: string[] = [];
    for (let i = 0; i < (r.targets ?? 1); i++) {
      const targetId = randomUUID();
      targetIds.push(targetId);
      await t.db.query(
        // A window, so that a released IP connection can lie inside it (a database trigger checks).
        `INSERT INTO target (id, request_id, selector_type, value, role, window_start, window_end)
         VALUES ($1, $2, 'ACCOUNT_ID', $3, 'SUSPECT', '2025-01-01T00:00:00Z', '2025-01-31T00:00:00Z')`,
        [targetId, id, `acct_${i}_${id.slice(0, 8)}`],
      );
    }
    if (r.disclose) {
      const disclosureId = randomUUID();
      // An approved or delivered package names a second person as its approver (a database CHECK).
      const approved = r.disclose.status === 'DELIVERED';
      if (approved) approverId ??= (await createStaff(t, ['APPROVER'])).id;
      await t.db.query(
        `INSERT INTO disclosure (id, request_id, status, manifest, sha256, prepared_by_id, approved_by_id, approved_at)
         VALUES ($1, $2, $3::"DisclosureStatus", '{}', $4, $5, $6, $7)`,
        [
          disclosureId,
          id,
          r.disclose.status,
          createHash('sha256').update(id).digest('hex'),
          staffId,
          approved ? approverId : null,
          approved ? new Date() : null,
        ],
      );
      for (const category of r.disclose.categories) {
        const decisionId = randomUUID();
        await t.db.query(
          `INSERT INTO decision (id, request_id, target_id, category, outcome, reasons, policy_hash, decided_by_id)
           VALUES ($1, $2, $3, $4::"DataCategory", 'RELEASE', '[]', 'test', $5)`,
          [decisionId, id, targetIds[0], category, staffId],
        );
        await t.db.query(
          `INSERT INTO released_item (ordinal, disclosure_id, decision_id, category, value, observed_at)
           VALUES ($1, $2, $3, $4::"ReleasableCategory", $5, $6)`,
          [
            r.disclose.categories.indexOf(category) + 1,
            disclosureId,
            decisionId,
            category,
            category === 'IP_ADDRESS' ? '192.0.2.1' : '+4930123456',
            category === 'IP_ADDRESS' ? '2025-01-10T00:00:00Z' : null,
          ],
        );
      }
    }
  }
  return ids;
}

const times = (n: number, make: (i: number) => FixtureRequest) => Array.from({ length: n }, (_, i) => make(i));

/**
 * 2026-H1, with the banding edges: DE/COURT_ORDER has exactly 10 (the threshold) requests, FR/WARRANT 9
 * (threshold − 1), US/SUBPOENA 1, and many cells 0. ES and IT have 5 invalid ones each: banded per cell, exactly 10
 * in the total (totals come before banding). Around the period's edges: one request at its last millisecond (in),
 * one at the next period's first (out), one in the previous period answered in this one (out).
 */
export function fixedDataSet(): FixtureRequest[] {
  return [
    // DE, COURT_ORDER: 10 requests; the first disclosed IP + phone (delivered), acknowledged after 1..10 hours.
    ...times(10, (i) => ({
      country: 'DE',
      legalProcess: 'COURT_ORDER',
      outcome: i === 0 ? 'DISCLOSED' : 'REJECTED_SCOPE',
      receivedAt: i === 9 ? '2026-06-30T23:59:59.999Z' : `2026-02-${String(10 + i).padStart(2, '0')}T08:00:00.000Z`,
      ackHours: i + 1,
      effectHours: 24,
      offenceCategoryCode: 'SCAMS_AND_FRAUD',
      ...(i === 0
        ? {
            disclose: { status: 'DELIVERED' as const, categories: ['IP_ADDRESS' as const, 'PHONE_NUMBER' as const] },
            notifiedAt: '2026-03-01T00:00:00.000Z',
          }
        : {}),
    })),
    // A disclosure prepared but never delivered discloses nothing.
    {
      country: 'DE',
      legalProcess: 'COURT_ORDER',
      outcome: 'PENDING',
      receivedAt: '2026-07-01T00:00:00.000Z', // the next period
      disclose: { status: 'PREPARED', categories: ['IP_ADDRESS'] },
    },
    // Received in 2025-H2, answered in 2026-H1: counted in 2025-H2 only.
    {
      country: 'DE',
      legalProcess: 'COURT_ORDER',
      outcome: 'NO_DATA',
      receivedAt: '2025-12-31T23:00:00.000Z',
      ackHours: 2,
      effectHours: 6,
    },
    // FR, WARRANT: 9 refused, every one under a gag order (8 open-ended, 1 lifted within the period).
    ...times(9, (i) => ({
      country: 'FR',
      legalProcess: 'WARRANT',
      outcome: 'REJECTED_NOT_COURT_ORDER',
      receivedAt: `2026-03-0${i + 1}T12:00:00.000Z`,
      targets: 0,
      ndo: { endsAt: i === 0 ? '2026-05-01T00:00:00.000Z' : null },
    })),
    // FR, COURT_ORDER: 10 emergencies, still pending, two accounts each, each under an open-ended gag order.
    ...times(10, (i) => ({
      country: 'FR',
      legalProcess: 'COURT_ORDER',
      type: 'EMERGENCY',
      outcome: 'PENDING',
      receivedAt: `2026-04-${String(10 + i)}T12:00:00.000Z`,
      targets: 2,
      ndo: { endsAt: null },
    })),
    ...times(5, (i) => ({
      country: 'ES',
      legalProcess: 'COURT_ORDER',
      outcome: 'REJECTED_INVALID',
      receivedAt: `2026-05-0${i + 1}T12:00:00.000Z`,
    })),
    ...times(5, (i) => ({
      country: 'IT',
      legalProcess: 'COURT_ORDER',
      outcome: 'REJECTED_INVALID',
      receivedAt: `2026-05-1${i + 1}T12:00:00.000Z`,
    })),
    { country: 'US', legalProcess: 'SUBPOENA', outcome: 'PENDING', receivedAt: '2026-01-01T00:00:00.000Z' },
  ];
}
