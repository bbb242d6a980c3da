import {
  AuthorityKind,
  AuthorityStatus,
  COUNTRY_CODES,
  DataCategory,
  LegalProcess,
  RequestType,
  SelectorType,
  TargetRole,
} from '@writ/contracts';
import fc from 'fast-check';
import type { Order } from '../order.js';
import type { PolicyConfig } from '../policy-config.js';
import { SignatureStatus } from '../signature-status.js';
import type { Target } from '../target.js';
import { OutOfBandOutcome, type VerificationEvidence, type VerificationSummary } from '../verification.js';

export const DAY = 86_400_000;
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2090, 0, 1);

/** Fast-check run count: 1,000 locally, CI sets FC_NUM_RUNS=10000. */
export const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

/** One complete set of inputs to decide(). */
export type Scenario = {
  order: Order;
  verification: VerificationSummary;
  target: Target;
  now: Date;
  config: PolicyConfig;
};

/** RFC 3339 with a chosen offset, so the engine sees "+05:30" as often as "Z". */
export function formatInstant(ms: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(ms).toISOString();
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
const offsetArb = fc.oneof(fc.constant(0), fc.constantFrom(-480, -300, 60, 120, 330, 345, 840));

export const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const nonBlank = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
const trimmed = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== '');
/** A small pool, so that "recorded by" and "confirmed by" collide often. */
export const STAFF = ['ana', 'ben', 'carla', 'dev', 'eve'];
const selectorArb = fc.record({ type: fc.constantFrom(...SelectorType.options), value: trimmed });

type EvidenceParts = Pick<VerificationEvidence, 'authorityId' | 'recordedBy' | 'confirmedBy'>;

/** Evidence that verifies the order on its own: strong, for this court and document, confirmed by someone else. */
function qualifyingEvidence(courtId: string, documentSha256: string | null): fc.Arbitrary<VerificationEvidence> {
  const people = fc.shuffledSubarray(STAFF, { minLength: 2, maxLength: 2 });
  const signature = people.map(([recordedBy, confirmedBy]): VerificationEvidence => ({
    method: 'SIGNATURE',
    documentSha256: documentSha256 ?? '0'.repeat(64),
    status: 'VALID',
    authorityId: courtId,
    recordedBy: recordedBy!,
    confirmedBy: confirmedBy!,
  }));
  const outOfBand = people.map(([recordedBy, confirmedBy]): VerificationEvidence => ({
    method: 'OUT_OF_BAND',
    channelFromRegistry: true,
    outcome: 'CONFIRMED',
    authorityId: courtId,
    recordedBy: recordedBy!,
    confirmedBy: confirmedBy!,
  }));
  // A signature needs the order's document hash; without one only out-of-band evidence can verify.
  return documentSha256 === null ? outOfBand : fc.oneof(signature, outOfBand);
}

/** Failed attempts that do not count but do not prove forgery either, so they must not prevent a release. */
function harmlessEvidence(courtId: string): fc.Arbitrary<VerificationEvidence> {
  const parts: fc.Arbitrary<EvidenceParts> = fc.record({
    authorityId: fc.constantFrom(courtId, 'some-other-court'),
    recordedBy: fc.constantFrom(...STAFF),
    confirmedBy: fc.option(fc.constantFrom(...STAFF)),
  });
  return fc.oneof(
    fc
      .tuple(parts, fc.constantFrom('UNREGISTERED_KEY', 'CERTIFICATE_EXPIRED', 'MALFORMED', 'VALID'), hex64)
      .map(([p, status, documentSha256]): VerificationEvidence => ({
        method: 'SIGNATURE',
        documentSha256,
        status,
        ...p,
      })),
    fc
      .tuple(parts, fc.boolean(), fc.constantFrom('CONFIRMED', 'NOT_CONFIRMED'))
      .map(([p, channelFromRegistry, outcome]): VerificationEvidence => ({
        method: 'OUT_OF_BAND',
        channelFromRegistry,
        outcome,
        ...p,
      })),
  );
}

/** Inputs that satisfy every rule of docs/POLICY.md: the engine must RELEASE both categories for them. */
export const releasableScenario: fc.Arbitrary<Scenario> = fc
  .record({
    now: fc.integer({ min: MIN_TIME, max: MAX_TIME }),
    offset: offsetArb,
    issuedAgo: fc.integer({ min: 0, max: 2 * 365 * DAY }),
    expiresIn: fc.option(fc.integer({ min: 1, max: 2 * 365 * DAY })),
    legalProcess: fc.constantFrom<Order['legalProcess']>('COURT_ORDER', 'WARRANT'),
    courtId: trimmed,
    country: fc.constantFrom(...COUNTRY_CODES),
    jurisdiction: fc.option(trimmed),
    acceptViaJurisdiction: fc.boolean(),
    otherCountries: fc.subarray(COUNTRY_CODES, { maxLength: 5 }),
    maxWindowDays: fc.option(fc.integer({ min: 1, max: 3650 })),
    windowStartAgo: fc.integer({ min: 0, max: 5 * 365 * DAY }),
    windowFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    caseNumber: nonBlank,
    legalBasis: nonBlank,
    statementOfReasons: fc.option(nonBlank),
    criminal: fc.boolean(),
    documentSha256: fc.option(hex64),
    selector: selectorArb,
    otherNamed: fc.array(selectorArb, { maxLength: 3 }),
    namedPosition: fc.nat(),
  })
  .chain((s) =>
    fc
      .tuple(
        qualifyingEvidence(s.courtId, s.documentSha256),
        fc.array(harmlessEvidence(s.courtId), { maxLength: 3 }),
        fc.nat(),
      )
      .map(([qualifying, harmless, position]): Scenario => {
        const at = (ms: number) => formatInstant(ms, s.offset);
        const maxDays = s.maxWindowDays ?? 365;
        const windowLength = Math.max(1, Math.floor(s.windowFraction * maxDays * DAY));
        const windowStart = s.now - s.windowStartAgo;
        const viaJurisdiction = s.acceptViaJurisdiction && s.jurisdiction !== null;
        const evidence = [...harmless];
        evidence.splice(position % (harmless.length + 1), 0, qualifying);
        const namedTargets = [...s.otherNamed];
        namedTargets.splice(s.namedPosition % (s.otherNamed.length + 1), 0, s.selector);
        const config: PolicyConfig = {
          acceptedCountries: viaJurisdiction ? s.otherCountries : [...s.otherCountries, s.country],
          acceptedJurisdictions: viaJurisdiction && s.jurisdiction !== null ? [s.jurisdiction] : [],
        };
        if (s.maxWindowDays !== null) config.maxWindowDays = s.maxWindowDays;
        return {
          now: new Date(s.now),
          config,
          order: {
            requestType: 'RECORDS',
            legalProcess: s.legalProcess,
            issuingAuthority: {
              id: s.courtId,
              kind: 'COURT',
              status: 'ACTIVE',
              country: s.country,
              jurisdiction: s.jurisdiction,
            },
            caseNumber: s.caseNumber,
            legalBasis: s.legalBasis,
            statementOfReasons: s.statementOfReasons,
            criminalInvestigation: s.statementOfReasons === null ? true : s.criminal,
            issuedAt: at(s.now - s.issuedAgo),
            expiresAt: s.expiresIn === null ? null : at(s.now + s.expiresIn),
            withdrawnAt: null,
            documentSha256: s.documentSha256,
            namedTargets,
          },
          verification: { evidence },
          target: {
            selector: s.selector,
            role: 'SUSPECT',
            namedInOrder: true,
            window: { start: at(windowStart), end: at(windowStart + windowLength) },
          },
        };
      }),
  );

/** Every word of the vocabulary, plus near misses: mutations then land on values the rules must judge. */
const VOCABULARY = [
  ...RequestType.options,
  ...LegalProcess.options,
  ...AuthorityKind.options,
  ...AuthorityStatus.options,
  ...SelectorType.options,
  ...TargetRole.options,
  ...SignatureStatus.options,
  ...OutOfBandOutcome.options,
  ...DataCategory.options,
  'SIGNATURE',
  'OUT_OF_BAND',
  'court_order',
  'COURT_ORDER ',
  'EMERGENCY_DISCLOSURE',
  '',
  ' ',
];

export const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...VOCABULARY), weight: 4 },
  {
    arbitrary: fc
      .integer({ min: MIN_TIME - 3650 * DAY, max: MAX_TIME + 3650 * DAY })
      .map((ms) => new Date(ms).toISOString()),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...STAFF, ' ana', 'ANA', 'DE', 'FR', 'XX', 'US-CA'), weight: 2 },
  { arbitrary: fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN), weight: 2 },
  { arbitrary: hex64, weight: 1 },
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.anything(), weight: 2 },
);

const ORDER_PATHS = [
  'requestType',
  'legalProcess',
  'issuingAuthority',
  'issuingAuthority.id',
  'issuingAuthority.kind',
  'issuingAuthority.status',
  'issuingAuthority.country',
  'issuingAuthority.jurisdiction',
  'caseNumber',
  'legalBasis',
  'statementOfReasons',
  'criminalInvestigation',
  'issuedAt',
  'expiresAt',
  'withdrawnAt',
  'documentSha256',
  'namedTargets',
  'namedTargets.0',
  'namedTargets.0.type',
  'namedTargets.0.value',
];
const EVIDENCE_FIELDS = [
  '',
  '.method',
  '.status',
  '.outcome',
  '.channelFromRegistry',
  '.recordedBy',
  '.confirmedBy',
  '.authorityId',
  '.documentSha256',
];
const VERIFICATION_PATHS = ['evidence', ...[0, 1, 2].flatMap((i) => EVIDENCE_FIELDS.map((f) => `evidence.${i}${f}`))];
const TARGET_PATHS = [
  'selector',
  'selector.type',
  'selector.value',
  'role',
  'namedInOrder',
  'window',
  'window.start',
  'window.end',
];
const CONFIG_PATHS = ['acceptedCountries', 'acceptedJurisdictions', 'maxWindowDays', 'acceptedCountries.0'];

type Part = 'order' | 'verification' | 'target' | 'config';
export type Mutation =
  | { part: Part; kind: 'set'; path: string; value: unknown }
  | { part: Part; kind: 'delete'; path: string }
  | { part: Part; kind: 'extra-key'; path: string; key: string; value: unknown }
  | { part: Part; kind: 'replace'; value: unknown };

const pathsArb = (part: Part, paths: string[]) => fc.constantFrom(...paths).map((path) => ({ part, path }));
const located = fc.oneof(
  { arbitrary: pathsArb('order', ORDER_PATHS), weight: 4 },
  { arbitrary: pathsArb('verification', VERIFICATION_PATHS), weight: 3 },
  { arbitrary: pathsArb('target', TARGET_PATHS), weight: 3 },
  { arbitrary: pathsArb('config', CONFIG_PATHS), weight: 1 },
);
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.tuple(located, evilValue).map(([l, value]): Mutation => ({ ...l, kind: 'set', value })), weight: 8 },
  { arbitrary: located.map((l): Mutation => ({ ...l, kind: 'delete' })), weight: 1 },
  {
    arbitrary: fc
      .tuple(located, fc.constantFrom('extra', 'isEmergency', 'override', '__proto__', 'constructor'), evilValue)
      .map(([l, key, value]): Mutation => ({ ...l, kind: 'extra-key', key, value })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom<Part>('order', 'verification', 'target', 'config'), fc.anything())
      .map(([part, value]): Mutation => ({ part, kind: 'replace', value })),
    weight: 1,
  },
);

/** Applies mutations to a deep copy; a path through something that is no longer an object is skipped. */
export function mutate(scenario: Scenario, mutations: readonly Mutation[]): Record<Part, unknown> {
  const parts: Record<Part, unknown> = structuredClone({
    order: scenario.order,
    verification: scenario.verification,
    target: scenario.target,
    config: scenario.config,
  });
  for (const m of mutations) {
    if (m.kind === 'replace') {
      parts[m.part] = m.value;
      continue;
    }
    const keys = m.path.split('.');
    const last = keys.pop()!;
    let holder: unknown = parts[m.part];
    for (const key of keys) holder = isObject(holder) ? holder[key] : undefined;
    if (!isObject(holder)) continue;
    if (m.kind === 'set') holder[last] = m.value;
    else if (m.kind === 'delete') delete holder[last];
    else {
      const inner = holder[last];
      if (isObject(inner))
        Object.defineProperty(inner, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return parts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export const categoryArb: fc.Arbitrary<unknown> = fc.oneof(
  // Mostly the two releasable ones, so that the properties about RELEASE are exercised often.
  { arbitrary: fc.constantFrom('IP_ADDRESS', 'PHONE_NUMBER'), weight: 8 },
  { arbitrary: fc.constantFrom(...DataCategory.options), weight: 3 },
  { arbitrary: fc.constantFrom('ip_address', 'IP_ADDRESS ', 'PHONE', 'BROWSING_HISTORY', ''), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.anything(), weight: 1 },
);

/** The clock: mostly the scenario's, sometimes anything at all. */
export const clockOverride: fc.Arbitrary<{ use: false } | { use: true; value: unknown }> = fc.oneof(
  { arbitrary: fc.constant({ use: false as const }), weight: 8 },
  { arbitrary: fc.date({ noInvalidDate: false }).map((value) => ({ use: true as const, value })), weight: 1 },
  { arbitrary: fc.anything().map((value) => ({ use: true as const, value })), weight: 1 },
);

/** Releasable inputs with 0–4 adversarial mutations, any category and sometimes any clock. */
export const adversarialInput = fc
  .tuple(releasableScenario, fc.array(mutation, { maxLength: 4 }), categoryArb, clockOverride)
  .map(([scenario, mutations, category, clock]) => ({
    ...mutate(scenario, mutations),
    category,
    now: clock.use ? clock.value : scenario.now,
    mutations,
  }));
