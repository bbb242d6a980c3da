import type { Tx } from '../database/index.js';

/** The figures of the transparency report one delivered package adds to its request's row. */
export interface ReleasedCounts {
  accountsDisclosed: number;
  ipAddressDisclosures: number;
  phoneNumberDisclosures: number;
}

/**
 * Counts a package's released items the way the report does (apps/api/src/reports/count-period.ts, `released`): an
 * account is a target with at least one released item, counted once however many items it has; IP address and
 * phone number disclosures count such targets per category. The report counts per request over its DELIVERED
 * packages, and a request has one package in play at a time (disclosure_one_open_per_request), so one package's
 * counts are its request's. Written into the delivery's public leaf, they let anyone recount those three figures.
 * Distinct (decision, category) pairs first: a package of a million connections names a handful of decisions.
 */
export async function countReleased(tx: Tx, disclosureId: string): Promise<ReleasedCounts> {
  const [row] = await tx.$queryRaw<{ accounts: number; ip: number; phone: number }[]>`
    WITH released AS (
      SELECT DISTINCT ri.decision_id, ri.category FROM released_item ri WHERE ri.disclosure_id = ${disclosureId}::uuid
    )
    SELECT count(DISTINCT dec.target_id)::int AS accounts,
           count(DISTINCT dec.target_id) FILTER (WHERE released.category = 'IP_ADDRESS')::int AS ip,
           count(DISTINCT dec.target_id) FILTER (WHERE released.category = 'PHONE_NUMBER')::int AS phone
    FROM released JOIN decision dec ON dec.id = released.decision_id`;
  return { accountsDisclosed: row!.accounts, ipAddressDisclosures: row!.ip, phoneNumberDisclosures: row!.phone };
}
