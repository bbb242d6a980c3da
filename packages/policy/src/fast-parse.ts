import {
  AuthorityKind,
  AuthorityStatus,
  COUNTRY_CODES,
  LegalProcess,
  RequestType,
  SelectorType,
  TargetRole,
} from '@writ/contracts';
import { instantMillis } from './instant.js';
import type { IssuingAuthority, Order } from './order.js';
import type { Selector } from './selector.js';
import { SignatureStatus } from './signature-status.js';
import type { Target, TimeWindow } from './target.js';
import { OutOfBandOutcome, type VerificationEvidence, type VerificationSummary } from './verification.js';

/*
 * Hand-written acceptors for inputs that are exactly well-formed, because zod costs ~3 µs per decision and the
 * engine must make 200,000 decisions a second (bench/policy.bench.ts). They are an optimisation, not a second
 * definition: each returns a value only when the zod schema would accept the input and produce an equal value,
 * and null otherwise, in which case the zod schema decides and explains. fast-parse.test.ts checks that
 * contract over random inputs. When a schema changes, change its acceptor, or make it return null.
 */

type Fields = Record<string, unknown>;

const setOf = (values: readonly string[]) => new Set<unknown>(values);
const REQUEST_TYPES = setOf(RequestType.options);
const LEGAL_PROCESSES = setOf(LegalProcess.options);
const AUTHORITY_KINDS = setOf(AuthorityKind.options);
const AUTHORITY_STATUSES = setOf(AuthorityStatus.options);
const COUNTRIES = setOf(COUNTRY_CODES);
const SELECTOR_TYPES = setOf(SelectorType.options);
const TARGET_ROLES = setOf(TargetRole.options);
const SIGNATURE_STATUSES = setOf(SignatureStatus.options);
const OUT_OF_BAND_OUTCOMES = setOf(OutOfBandOutcome.options);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** An object with no keys but `keys` (zod's strictObject walks keys with for…in, and so does this). */
function strict(value: unknown, keys: ReadonlySet<string>): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (!keys.has(key)) return false;
  return true;
}
const keysOf = (...keys: string[]) => new Set(keys);

const isString = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;
// The schemas trim these; an untrimmed value is left to zod so that both return the same string.
const isTrimmed = (value: unknown, max: number): value is string => isString(value, 1, max) && value.trim() === value;
const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(instantMillis(value));
const NO = Symbol('no');
type Maybe<T> = T | typeof NO;
const nullable = <T>(value: unknown, accept: (value: unknown) => value is T): Maybe<T | null> =>
  value === null ? null : accept(value) ? value : NO;

const SELECTOR_KEYS = keysOf('type', 'value');
function selector(value: unknown): Selector | null {
  if (!strict(value, SELECTOR_KEYS)) return null;
  const type = value.type;
  const text = value.value;
  if (!SELECTOR_TYPES.has(type) || !isTrimmed(text, 256)) return null;
  return { type: type as Selector['type'], value: text };
}

const AUTHORITY_KEYS = keysOf('id', 'kind', 'status', 'country', 'jurisdiction');
function authority(value: unknown): Maybe<IssuingAuthority | null> {
  if (value === null) return null;
  if (!strict(value, AUTHORITY_KEYS)) return NO;
  const { id, kind, status, country } = value;
  const jurisdiction = nullable(value.jurisdiction, (v): v is string => isString(v, 1, 128));
  if (!isString(id, 1, 128) || !AUTHORITY_KINDS.has(kind) || !AUTHORITY_STATUSES.has(status)) return NO;
  if (!COUNTRIES.has(country) || jurisdiction === NO) return NO;
  return { id, kind, status, country, jurisdiction } as IssuingAuthority;
}

const ORDER_KEYS = keysOf(
  'requestType',
  'legalProcess',
  'issuingAuthority',
  'caseNumber',
  'legalBasis',
  'statementOfReasons',
  'criminalInvestigation',
  'issuedAt',
  'expiresAt',
  'withdrawnAt',
  'documentSha256',
  'namedTargets',
);
export function fastOrder(value: unknown): Order | null {
  if (!strict(value, ORDER_KEYS)) return null;
  const { requestType, legalProcess, criminalInvestigation, namedTargets: named } = value;
  if (!REQUEST_TYPES.has(requestType) || !LEGAL_PROCESSES.has(legalProcess)) return null;
  if (typeof criminalInvestigation !== 'boolean') return null;
  const issuingAuthority = authority(value.issuingAuthority);
  const caseNumber = nullable(value.caseNumber, (v): v is string => isString(v, 0, 256));
  const legalBasis = nullable(value.legalBasis, (v): v is string => isString(v, 0, 4096));
  const statementOfReasons = nullable(value.statementOfReasons, (v): v is string => isString(v, 0, 65_536));
  const issuedAt = nullable(value.issuedAt, isInstant);
  const expiresAt = nullable(value.expiresAt, isInstant);
  const withdrawnAt = nullable(value.withdrawnAt, isInstant);
  const documentSha256 = nullable(
    value.documentSha256,
    (v): v is string => typeof v === 'string' && SHA256_HEX.test(v),
  );
  if (
    issuingAuthority === NO ||
    caseNumber === NO ||
    legalBasis === NO ||
    statementOfReasons === NO ||
    issuedAt === NO ||
    expiresAt === NO ||
    withdrawnAt === NO ||
    documentSha256 === NO
  ) {
    return null;
  }
  if (!Array.isArray(named) || named.length > 1000) return null;
  const namedTargets: Selector[] = [];
  for (let i = 0; i < named.length; i++) {
    const parsed = selector(named[i]);
    if (parsed === null) return null;
    namedTargets.push(parsed);
  }
  return {
    requestType,
    legalProcess,
    issuingAuthority,
    caseNumber,
    legalBasis,
    statementOfReasons,
    criminalInvestigation,
    issuedAt,
    expiresAt,
    withdrawnAt,
    documentSha256,
    namedTargets,
  } as Order;
}

const SIGNATURE_KEYS = keysOf('method', 'documentSha256', 'status', 'authorityId', 'recordedBy', 'confirmedBy');
const OUT_OF_BAND_KEYS = keysOf('method', 'channelFromRegistry', 'outcome', 'authorityId', 'recordedBy', 'confirmedBy');
function evidence(value: unknown): VerificationEvidence | null {
  if (typeof value !== 'object' || value === null) return null;
  const method = (value as Fields).method;
  const keys = method === 'SIGNATURE' ? SIGNATURE_KEYS : method === 'OUT_OF_BAND' ? OUT_OF_BAND_KEYS : null;
  if (keys === null || !strict(value, keys)) return null;
  const { authorityId, recordedBy } = value;
  const confirmedBy = nullable(value.confirmedBy, (v): v is string => isTrimmed(v, 128));
  if (!isString(authorityId, 1, 128) || !isTrimmed(recordedBy, 128) || confirmedBy === NO) return null;
  if (method === 'SIGNATURE') {
    const { documentSha256, status } = value;
    if (typeof documentSha256 !== 'string' || !SHA256_HEX.test(documentSha256)) return null;
    if (!SIGNATURE_STATUSES.has(status)) return null;
    return { method, documentSha256, status, authorityId, recordedBy, confirmedBy } as VerificationEvidence;
  }
  const { channelFromRegistry, outcome } = value;
  if (typeof channelFromRegistry !== 'boolean' || !OUT_OF_BAND_OUTCOMES.has(outcome)) return null;
  return { method, channelFromRegistry, outcome, authorityId, recordedBy, confirmedBy } as VerificationEvidence;
}

const VERIFICATION_KEYS = keysOf('evidence');
export function fastVerification(value: unknown): VerificationSummary | null {
  if (!strict(value, VERIFICATION_KEYS)) return null;
  const items = value.evidence;
  if (!Array.isArray(items) || items.length > 100) return null;
  const parsed: VerificationEvidence[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = evidence(items[i]);
    if (item === null) return null;
    parsed.push(item);
  }
  return { evidence: parsed };
}

const WINDOW_KEYS = keysOf('start', 'end');
const TARGET_KEYS = keysOf('selector', 'role', 'namedInOrder', 'window');
export function fastTarget(value: unknown): Target | null {
  if (!strict(value, TARGET_KEYS)) return null;
  const { role, namedInOrder, window: rawWindow } = value;
  const parsedSelector = selector(value.selector);
  if (parsedSelector === null || !TARGET_ROLES.has(role) || typeof namedInOrder !== 'boolean') return null;
  if (!strict(rawWindow, WINDOW_KEYS)) return null;
  const start = nullable(rawWindow.start, isInstant);
  const end = nullable(rawWindow.end, isInstant);
  if (start === NO || end === NO) return null;
  const window: TimeWindow = { start, end };
  return { selector: parsedSelector, role: role as Target['role'], namedInOrder, window };
}
