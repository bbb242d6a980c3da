// Shared arrangements for the requests suites (test/api/requests*.test.ts): authorities made directly in the
// database (the registry has its own API and tests), a valid intake body, HTTP helpers and row counts.
import { randomUUID } from 'node:crypto';
import { ErrorBody, RequestDetail, type RequestStatus } from '@writ/contracts';
import { z } from 'zod';
import type { TestStaff } from '../support/auth';
import { TestReply } from '../support/client';
import type { TestApp } from '../support/test-app';

export async function createAuthority(
  t: Pick<TestApp, 'db'>,
  options: { country?: string; kind?: string; name?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
     VALUES ($1, $2, $3::"AuthorityKind", $4, 'Test jurisdiction', now())`,
    [id, options.name ?? `Court ${id.slice(0, 8)}`, options.kind ?? 'COURT', options.country ?? 'DE'],
  );
  return id;
}

/** A complete, valid intake body with three targets. */
export function validRequest(authorityId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'RECORDS',
    legalProcess: 'COURT_ORDER',
    authorityId,
    caseNumber: '2 BvR 1234/21',
    legalBasis: '§ 100j StPO',
    issuedAt: '2026-01-10T09:00:00Z',
    receivedAt: '2026-01-12T10:30:00+01:00',
    dueAt: '2026-02-12T10:30:00Z',
    hasNdo: false,
    targets: [
      {
        selectorType: 'PHONE_NUMBER',
        value: '+49 30 1234567',
        role: 'SUSPECT',
        windowStart: '2025-12-01T00:00:00Z',
        windowEnd: '2026-01-01T00:00:00Z',
      },
      { selectorType: 'USERNAME', value: '@alice_1', role: 'SUSPECT' },
      { selectorType: 'ACCOUNT_ID', value: 'acct_000042', role: 'WITNESS', namedInOrder: false },
    ],
    categories: [{ category: 'IP_ADDRESS', asWritten: 'IP logs' }, { category: 'PHONE_NUMBER' }],
    ...overrides,
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A request as written, for what the typed client cannot send: malformed or unknown fields, raw strings, a route
 * by a path no contract has. The body is whatever came back; a test parses it with the schema it expects.
 */
export async function callRaw(
  t: Pick<TestApp, 'url'>,
  method: string,
  path: string,
  options: { as?: TestStaff; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(options.as?.headers ?? {}), ...(options.headers ?? {}) },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
}

/**
 * POST /requests with a body as written (intake bodies here are built from validRequest and overrides, some of them
 * invalid on purpose), the answer read by the contract: a RequestDetail, or the API's refusal.
 */
export async function intakeAs(
  t: Pick<TestApp, 'url'>,
  as: TestStaff,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<TestReply<RequestDetail>> {
  const reply = await callRaw(t, 'POST', '/requests', { as, body, headers });
  const outcome =
    reply.status < 300 ? { data: RequestDetail.parse(reply.body) } : { refusal: ErrorBody.parse(reply.body).error };
  return new TestReply<RequestDetail>(reply.status, reply.headers, outcome, 'POST /requests');
}

export async function createRequest(
  t: Pick<TestApp, 'url'>,
  as: TestStaff,
  body: Record<string, unknown>,
): Promise<RequestDetail> {
  return (await intakeAs(t, as, body)).body;
}

export interface Counts {
  request: number;
  target: number;
  category: number;
  audit: number;
  transition: number;
  idempotency: number;
}

/** Rows in every table a request operation writes: "nothing written" means these did not move. */
export async function counts(t: Pick<TestApp, 'db'>): Promise<Counts> {
  const { rows } = await t.db.query<Record<keyof Counts, string>>(
    `SELECT (SELECT count(*) FROM request) AS request, (SELECT count(*) FROM target) AS target,
            (SELECT count(*) FROM requested_category) AS category, (SELECT count(*) FROM audit_event) AS audit,
            (SELECT count(*) FROM request_transition) AS transition, (SELECT count(*) FROM idempotency_record) AS idempotency`,
  );
  const row = rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as Counts;
}

/** Puts a request straight into a status (arrangement only: the API path is what the lifecycle tests check). */
export async function forceStatus(t: Pick<TestApp, 'db'>, id: string, status: RequestStatus): Promise<number> {
  const { rows } = await t.db.query<{ version: number }>(
    `UPDATE request SET status = $2::"RequestStatus" WHERE id = $1 RETURNING version`,
    [id, status],
  );
  return rows[0]!.version;
}

export async function requestRow(t: Pick<TestApp, 'db'>, id: string): Promise<Record<string, unknown>> {
  const { rows } = await t.db.query(`SELECT * FROM request WHERE id = $1`, [id]);
  return rows[0] as Record<string, unknown>;
}

export async function auditEvents(
  t: Pick<TestApp, 'db'>,
  subjectId: string,
  action?: string,
): Promise<{ action: string; actor_id: string | null; details: Record<string, unknown>; leaf: Buffer }[]> {
  const { rows } = await t.db.query(
    `SELECT action, actor_id, details, leaf FROM audit_event
      WHERE subject_type = 'request' AND subject_id = $1 AND ($2::text IS NULL OR action = $2) ORDER BY id`,
    [subjectId, action ?? null],
  );
  return rows;
}

const StoredPersonal = z.object({ personal: z.record(z.string(), z.object({ value: z.unknown() })) });

/** The value of one personal identifier in an audit event's stored details (kept there, a commitment in the leaf). */
export function personalValue(details: unknown, name: string): unknown {
  const value = StoredPersonal.parse(details).personal[name];
  if (!value) throw new Error(`the event has no personal identifier "${name}"`);
  return value.value;
}

/** A list of strings among an audit event's stored details, sorted (the order they were written in is not kept). */
export function sortedDetail(details: Record<string, unknown>, name: string): string[] {
  return z.array(z.string()).parse(details[name]).sort();
}
