import { type CountedDsaRow, type CountedRow, EU_MEMBER_STATES } from '@writ/contracts';
import type { RawQuery, Tx } from '../database/index.js';

export type { CountedDsaRow, CountedRow };

interface SqlRow {
  country: string | null;
  legal_process: string | null;
  received: number;
  accounts_specified: number;
  accounts_disclosed: number;
  disclosed: number;
  rejected_not_court_order: number;
  rejected_unverified: number;
  rejected_invalid: number;
  rejected_scope: number;
  no_data: number;
  withdrawn: number;
  pending: number;
  emergency: number;
  ip_disclosures: number;
  phone_disclosures: number;
  gag_orders: number;
  users_notified: number;
  median_ack: number | null;
  median_effect: number | null;
  n_ack: number;
  n_effect: number;
}

/**
 * Counts one period in PostgreSQL, in one statement, never by loading requests into Node: a request belongs to the
 * period it was received in (received_at in [start, end)), whatever happened to it later, and counts with its
 * outcome and figures as they stand at `countedAt`. GROUPING SETS give every country × legal process cell and the
 * totals over each dimension from the same rows, so totals are exact before any banding.
 *
 * What counts as a disclosure: released items of a DELIVERED disclosure. A package prepared or approved but not
 * handed over (waiting, rejected, expired) released nothing. An account is a target, as in "accounts specified",
 * and counts once per request it was disclosed for however many items it had; IP address and phone number
 * disclosures count such accounts per category. The delivery's audit event carries the same three counts
 * (disclosures/count-released.ts), which is how `writ-verify report` recounts them from the log. Released items
 * can only be of those two categories (their type and a CHECK), which is why content disclosures are 0 by
 * construction and are printed, not counted.
 */
export async function countPeriod(tx: Tx, start: Date, end: Date, countedAt: Date): Promise<CountedRow[]> {
  // The grouping sets sort ~150,000 rows a half-year at the largest platforms' scale: in memory, not on disk. JIT
  // compilation cost more than it saved on these statements (measured: bench/reports.bench.ts).
  await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
  await tx.$executeRaw`SET LOCAL jit = off`;
  const rows = await tx.$queryRaw<SqlRow[]>`
    WITH req AS MATERIALIZED (
      -- target_count is kept by triggers on target: looking each request's targets up in target's index cost
      -- seconds at 3 M requests, their random ids scattering a period's targets over the whole index.
      SELECT r.id, r.country, r.legal_process, r.type, r.outcome, r.received_at, r.acknowledged_at, r.responded_at,
             r.has_ndo, r.ndo_ends_at, r.user_notified_at, r.target_count AS specified
      FROM request r
      WHERE r.received_at >= ${start} AND r.received_at < ${end}
    ),
    released AS (
      SELECT d.request_id,
             count(DISTINCT dec.target_id)::int AS accounts,
             count(DISTINCT dec.target_id) FILTER (WHERE ri.category = 'IP_ADDRESS')::int AS ip,
             count(DISTINCT dec.target_id) FILTER (WHERE ri.category = 'PHONE_NUMBER')::int AS phone
      FROM released_item ri
      JOIN disclosure d ON d.id = ri.disclosure_id AND d.status = 'DELIVERED'
      JOIN decision dec ON dec.id = ri.decision_id
      JOIN req ON req.id = d.request_id
      GROUP BY d.request_id
    )
    SELECT req.country::text AS country, req.legal_process::text AS legal_process,
           count(*)::int AS received,
           coalesce(sum(req.specified), 0)::int AS accounts_specified,
           coalesce(sum(released.accounts), 0)::int AS accounts_disclosed,
           count(*) FILTER (WHERE req.outcome = 'DISCLOSED')::int AS disclosed,
           count(*) FILTER (WHERE req.outcome = 'REJECTED_NOT_COURT_ORDER')::int AS rejected_not_court_order,
           count(*) FILTER (WHERE req.outcome = 'REJECTED_UNVERIFIED')::int AS rejected_unverified,
           count(*) FILTER (WHERE req.outcome = 'REJECTED_INVALID')::int AS rejected_invalid,
           count(*) FILTER (WHERE req.outcome = 'REJECTED_SCOPE')::int AS rejected_scope,
           count(*) FILTER (WHERE req.outcome = 'NO_DATA')::int AS no_data,
           count(*) FILTER (WHERE req.outcome = 'WITHDRAWN')::int AS withdrawn,
           count(*) FILTER (WHERE req.outcome = 'PENDING')::int AS pending,
           count(*) FILTER (WHERE req.type = 'EMERGENCY')::int AS emergency,
           coalesce(sum(released.ip), 0)::int AS ip_disclosures,
           coalesce(sum(released.phone), 0)::int AS phone_disclosures,
           -- A gag order counts while it binds at the end of the period (or now, for a report counted earlier).
           count(*) FILTER (WHERE req.has_ndo AND (req.ndo_ends_at IS NULL
                                 OR req.ndo_ends_at >= least(${end}::timestamptz, ${countedAt}::timestamptz)))::int
             AS gag_orders,
           count(*) FILTER (WHERE req.user_notified_at <= ${countedAt})::int AS users_notified,
           (percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM req.acknowledged_at - req.received_at)
            ) FILTER (WHERE req.acknowledged_at <= ${countedAt}) / 3600)::float8 AS median_ack,
           (percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM req.responded_at - req.received_at)
            ) FILTER (WHERE req.responded_at <= ${countedAt}) / 3600)::float8 AS median_effect,
           count(*) FILTER (WHERE req.acknowledged_at <= ${countedAt})::int AS n_ack,
           count(*) FILTER (WHERE req.responded_at <= ${countedAt})::int AS n_effect
    FROM req
    LEFT JOIN released ON released.request_id = req.id
    GROUP BY GROUPING SETS ((req.country, req.legal_process), (req.country), (req.legal_process), ())
    ORDER BY req.country NULLS LAST, req.legal_process NULLS LAST`;
  return rows.map((row) => ({
    country: row.country,
    legalProcess: row.legal_process,
    counts: {
      requestsReceived: row.received,
      accountsSpecified: row.accounts_specified,
      accountsDisclosed: row.accounts_disclosed,
      requestsWithDataDisclosed: row.disclosed,
      rejectedNotCourtOrder: row.rejected_not_court_order,
      rejectedUnverified: row.rejected_unverified,
      rejectedInvalid: row.rejected_invalid,
      rejectedScope: row.rejected_scope,
      noData: row.no_data,
      withdrawn: row.withdrawn,
      pending: row.pending,
      emergencyRequests: row.emergency,
      ipAddressDisclosures: row.ip_disclosures,
      phoneNumberDisclosures: row.phone_disclosures,
      contentDisclosures: 0,
      gagOrdersInForce: row.gag_orders,
      usersNotified: row.users_notified,
    },
    medianHoursToAcknowledge: row.median_ack,
    medianHoursToGiveEffect: row.median_effect,
    acknowledged: row.n_ack,
    answered: row.n_effect,
  }));
}

/**
 * The DSA Annex I part 3 figures: orders from EU Member State authorities received in the period, by statement
 * category and Member State, with the totals over each, in one statement. A request without a category is
 * counted under NOT_SPECIFIED_ORDER.
 */
export async function countDsaOrders(sql: RawQuery, start: Date, end: Date, countedAt: Date): Promise<CountedDsaRow[]> {
  // As in countPeriod: sorts in memory, and no JIT.
  await sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`;
  const rows = await sql<{
    country: string | null;
    category: string | null;
    orders: number;
    median_ack: number | null;
    median_effect: number | null;
    n_ack: number;
    n_effect: number;
  }>`
    SELECT country::text AS country,
           coalesce(offence_category_code::text, 'NOT_SPECIFIED_ORDER') AS category,
           count(*)::int AS orders,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - received_at))
              FILTER (WHERE acknowledged_at <= ${countedAt}) / 3600)::float8 AS median_ack,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - received_at))
              FILTER (WHERE responded_at <= ${countedAt}) / 3600)::float8 AS median_effect,
           count(*) FILTER (WHERE acknowledged_at <= ${countedAt})::int AS n_ack,
           count(*) FILTER (WHERE responded_at <= ${countedAt})::int AS n_effect
    FROM request
    -- Compared as character(2), the column's type, so the planner uses its statistics (as text it guessed 8,000 rows
    -- of 120,000 and planned a parallel sort that spilled to disk).
    WHERE received_at >= ${start} AND received_at < ${end} AND country = ANY(${[...EU_MEMBER_STATES]}::bpchar[])
    GROUP BY GROUPING SETS ((country, coalesce(offence_category_code::text, 'NOT_SPECIFIED_ORDER')), (country),
                            (coalesce(offence_category_code::text, 'NOT_SPECIFIED_ORDER')), ())`;
  return rows.map((row) => ({
    country: row.country,
    category: row.category,
    orders: row.orders,
    medianHoursToAcknowledge: row.median_ack,
    medianHoursToGiveEffect: row.median_effect,
    acknowledged: row.n_ack,
    answered: row.n_effect,
  }));
}
