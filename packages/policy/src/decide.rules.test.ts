import { decide } from './decide.js';
import type { Decision } from './decision.js';
import type { Order } from './order.js';
import { UNCONFIGURED_POLICY_HASH } from './policy-document.js';
import type { PolicyConfig } from './policy-config.js';
import type { ReasonCode } from './reason-code.js';
import type { Target } from './target.js';
import type { VerificationSummary } from './verification.js';
import {
  CONFIG,
  NOW,
  outOfBandEvidence,
  signatureEvidence,
  validOrder,
  validTarget,
  validVerification,
} from './test-support/fixtures.js';

// One test per rule of docs/POLICY.md: start from inputs that release, break one thing, and expect exactly the
// reason codes that rule owns, no more, no fewer.

type Inputs = {
  order: Order;
  verification: VerificationSummary;
  target: Target;
  category: string;
  now: Date;
  config: PolicyConfig;
};
type Change = (inputs: Inputs) => void;

function decideAfter(change: Change): Decision {
  const inputs: Inputs = {
    order: validOrder(),
    verification: validVerification(),
    target: validTarget(),
    category: 'IP_ADDRESS',
    now: NOW,
    config: CONFIG,
  };
  change(inputs);
  const decideRaw = decide as unknown as (...args: unknown[]) => Decision;
  return decideRaw(inputs.order, inputs.verification, inputs.target, inputs.category, inputs.now, inputs.config);
}
const codes = (decision: Decision): ReasonCode[] => decision.reasons.map((r) => r.code);

test('the baseline releases both categories, with the summary as its reason', () => {
  const ip = decideAfter(() => {});
  expect(ip).toMatchObject({
    outcome: 'RELEASE',
    category: 'IP_ADDRESS',
    release: {
      category: 'IP_ADDRESS',
      selector: { type: 'USERNAME', value: 'suspect_one' },
      window: { start: '2026-01-01T00:00:00Z', end: '2026-06-01T00:00:00Z' },
    },
  });
  expect(codes(ip)).toEqual(['ALL_CONDITIONS_MET']);
  expect(ip.policyHash).toMatch(/^[0-9a-f]{64}$/);

  const phone = decideAfter((i) => (i.category = 'PHONE_NUMBER'));
  expect(phone).toMatchObject({ outcome: 'RELEASE', release: { category: 'PHONE_NUMBER' } });
  expect(phone.outcome === 'RELEASE' && 'window' in phone.release).toBe(false);
});

const rules: [string, Change, ReasonCode[]][] = [
  // (1) It is a court order.
  ['an emergency request', (i) => (i.order.requestType = 'EMERGENCY'), ['NOT_A_COURT_ORDER']],
  ['an informal inquiry', (i) => (i.order.requestType = 'INQUIRY'), ['NOT_A_COURT_ORDER']],
  ['a preservation request', (i) => (i.order.requestType = 'PRESERVATION'), ['NOT_A_DISCLOSURE_REQUEST']],
  ['a subpoena', (i) => (i.order.legalProcess = 'SUBPOENA'), ['NOT_A_COURT_ORDER']],
  [
    'a police letter',
    (i) => {
      i.order.legalProcess = 'LETTER';
      i.order.issuingAuthority!.kind = 'POLICE';
    },
    ['NOT_A_COURT_ORDER', 'AUTHORITY_NOT_A_COURT'],
  ],
  [
    'an administrative order',
    (i) => {
      i.order.legalProcess = 'ADMINISTRATIVE_ORDER';
      i.order.issuingAuthority!.kind = 'ADMINISTRATIVE';
    },
    ['NOT_A_COURT_ORDER', 'AUTHORITY_NOT_A_COURT'],
  ],
  [
    'a "court order" issued by a prosecutor',
    (i) => (i.order.issuingAuthority!.kind = 'PROSECUTOR'),
    ['AUTHORITY_NOT_A_COURT'],
  ],
  ['an authority missing from the registry', (i) => (i.order.issuingAuthority = null), ['AUTHORITY_NOT_REGISTERED']],

  // (3) The order is in force.
  ['an expired order', (i) => (i.order.expiresAt = '2026-06-01T00:00:00Z'), ['ORDER_EXPIRED']],
  ['an order expiring at this very instant', (i) => (i.order.expiresAt = NOW.toISOString()), ['ORDER_EXPIRED']],
  ['a future-dated order', (i) => (i.order.issuedAt = '2026-06-15T12:00:01Z'), ['ORDER_FUTURE_DATED']],
  ['a withdrawn order', (i) => (i.order.withdrawnAt = '2026-06-10T00:00:00Z'), ['ORDER_WITHDRAWN']],
  ['a suspended court', (i) => (i.order.issuingAuthority!.status = 'SUSPENDED'), ['AUTHORITY_SUSPENDED']],
  [
    'a court outside the accepted jurisdictions',
    (i) => (i.order.issuingAuthority = { ...i.order.issuingAuthority!, country: 'PL', jurisdiction: 'PL-MZ' }),
    ['JURISDICTION_NOT_ACCEPTED'],
  ],

  // Completeness.
  ['no legal basis', (i) => (i.order.legalBasis = null), ['ORDER_MISSING_LEGAL_BASIS']],
  ['a blank case number', (i) => (i.order.caseNumber = '  '), ['ORDER_MISSING_CASE_NUMBER']],
  ['no date of issue', (i) => (i.order.issuedAt = null), ['ORDER_MISSING_ISSUE_DATE']],
  ['no named targets', (i) => (i.order.namedTargets = []), ['ORDER_MISSING_NAMED_TARGETS', 'TARGET_NOT_NAMED']],
  [
    'no statement of reasons outside a criminal investigation',
    (i) => {
      i.order.statementOfReasons = null;
      i.order.criminalInvestigation = false;
    },
    ['ORDER_MISSING_STATEMENT_OF_REASONS'],
  ],

  // (2) The order is verified.
  ['an unverified order', (i) => (i.verification = { evidence: [] }), ['ORDER_NOT_VERIFIED']],
  [
    'verification nobody confirmed',
    (i) => (i.verification = { evidence: [signatureEvidence({ confirmedBy: null })] }),
    ['ORDER_NOT_VERIFIED', 'VERIFICATION_NOT_CONFIRMED'],
  ],
  [
    'verification confirmed by the same person who recorded it',
    (i) =>
      (i.verification = { evidence: [signatureEvidence({ recordedBy: 'reviewer-ana', confirmedBy: 'Reviewer-Ana' })] }),
    ['ORDER_NOT_VERIFIED', 'FOUR_EYES_VIOLATION'],
  ],
  [
    'a signature by an unregistered key',
    (i) => (i.verification = { evidence: [signatureEvidence({ status: 'UNREGISTERED_KEY' })] }),
    ['ORDER_NOT_VERIFIED', 'SIGNATURE_UNREGISTERED_KEY'],
  ],
  [
    'a signature over different bytes',
    (i) => (i.verification = { evidence: [signatureEvidence({ status: 'BAD_SIGNATURE' })] }),
    ['SIGNATURE_BAD', 'ORDER_NOT_VERIFIED'],
  ],
  [
    'a signature over different bytes, even with the court confirming by telephone',
    (i) => (i.verification = { evidence: [outOfBandEvidence(), signatureEvidence({ status: 'BAD_SIGNATURE' })] }),
    ['SIGNATURE_BAD'],
  ],
  [
    'an expired certificate',
    (i) => (i.verification = { evidence: [signatureEvidence({ status: 'CERTIFICATE_EXPIRED' })] }),
    ['ORDER_NOT_VERIFIED', 'SIGNATURE_CERTIFICATE_EXPIRED'],
  ],
  [
    'an unreadable signature',
    (i) => (i.verification = { evidence: [signatureEvidence({ status: 'MALFORMED' })] }),
    ['ORDER_NOT_VERIFIED', 'SIGNATURE_MALFORMED'],
  ],
  [
    'a valid signature over another document',
    (i) => (i.verification = { evidence: [signatureEvidence({ documentSha256: 'b'.repeat(64) })] }),
    ['ORDER_NOT_VERIFIED', 'EVIDENCE_FOR_OTHER_DOCUMENT'],
  ],
  [
    'a valid signature by another court',
    (i) => (i.verification = { evidence: [signatureEvidence({ authorityId: 'court-fr-paris' })] }),
    ['ORDER_NOT_VERIFIED', 'EVIDENCE_FOR_OTHER_AUTHORITY'],
  ],
  [
    'a telephone confirmation on a number taken from the order',
    (i) => (i.verification = { evidence: [outOfBandEvidence({ channelFromRegistry: false })] }),
    ['ORDER_NOT_VERIFIED', 'OUT_OF_BAND_CHANNEL_NOT_FROM_REGISTRY'],
  ],
  [
    'a court that could not confirm',
    (i) => (i.verification = { evidence: [outOfBandEvidence({ outcome: 'NOT_CONFIRMED' })] }),
    ['ORDER_NOT_VERIFIED', 'OUT_OF_BAND_NOT_CONFIRMED'],
  ],
  [
    'a court that says it never issued the order, despite a valid signature',
    (i) => (i.verification = { evidence: [signatureEvidence(), outOfBandEvidence({ outcome: 'REPUDIATED' })] }),
    ['ORDER_REPUDIATED_BY_AUTHORITY'],
  ],

  // (4) The target is named and is a suspect.
  ['a victim', (i) => (i.target.role = 'VICTIM'), ['TARGET_IS_VICTIM']],
  ['a witness', (i) => (i.target.role = 'WITNESS'), ['TARGET_IS_WITNESS']],
  ['a person of unspecified role', (i) => (i.target.role = 'UNSPECIFIED'), ['TARGET_ROLE_UNSPECIFIED']],
  ['a target not attested as named', (i) => (i.target.namedInOrder = false), ['TARGET_NOT_NAMED']],
  [
    'a target the order does not list',
    (i) => (i.target.selector = { type: 'USERNAME', value: 'someone_else' }),
    ['TARGET_NOT_NAMED'],
  ],
  [
    'a target matching only after case-folding',
    (i) => (i.target.selector = { type: 'USERNAME', value: 'Suspect_One' }),
    ['TARGET_NOT_NAMED'],
  ],

  // (5) The window is bounded.
  [
    'an unbounded window',
    (i) => (i.target.window = { start: '2026-01-01T00:00:00Z', end: null }),
    ['WINDOW_UNBOUNDED'],
  ],
  [
    'a window with no start',
    (i) => (i.target.window = { start: null, end: '2026-06-01T00:00:00Z' }),
    ['WINDOW_UNBOUNDED'],
  ],
  [
    'a window longer than the maximum',
    (i) => (i.target.window = { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:01Z' }),
    ['WINDOW_TOO_LONG'],
  ],
  [
    'a window longer than a lower configured maximum',
    (i) => (i.config = { ...CONFIG, maxWindowDays: 30 }),
    ['WINDOW_TOO_LONG'],
  ],
  [
    'a window that ends before it starts',
    (i) => (i.target.window = { start: '2026-06-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }),
    ['WINDOW_INVERTED'],
  ],

  // The categories.
  ['message content', (i) => (i.category = 'MESSAGE_CONTENT'), ['CONTENT_NEVER_DISCLOSED']],
  ['contacts', (i) => (i.category = 'CONTACTS'), ['CONTENT_NEVER_DISCLOSED']],
  ['media', (i) => (i.category = 'MEDIA'), ['CONTENT_NEVER_DISCLOSED']],
  ['location', (i) => (i.category = 'LOCATION'), ['CONTENT_NEVER_DISCLOSED']],
  ['subscriber information', (i) => (i.category = 'SUBSCRIBER_INFO'), ['CATEGORY_NOT_RELEASABLE']],
  ['"other" data', (i) => (i.category = 'OTHER'), ['CATEGORY_NOT_RELEASABLE']],
  ['a category nobody has heard of', (i) => (i.category = 'BROWSING_HISTORY'), ['CATEGORY_NOT_RELEASABLE']],
  ['a category in lower case', (i) => (i.category = 'ip_address'), ['CATEGORY_NOT_RELEASABLE']],
];

test.each(rules)('%s is denied with exactly its reason codes', (_name, change, expected) => {
  const decision = decideAfter(change);
  expect(decision.outcome).toBe('DENY');
  expect(codes(decision)).toEqual(expected);
});

const stillReleases: [string, Change][] = [
  [
    'a court accepted through its jurisdiction id rather than its country',
    (i) => {
      i.order.issuingAuthority = { ...i.order.issuingAuthority!, country: 'US', jurisdiction: 'US-CA' };
    },
  ],
  ['a judge’s warrant', (i) => (i.order.legalProcess = 'WARRANT')],
  ['no statement of reasons in a criminal investigation', (i) => (i.order.statementOfReasons = null)],
  ['an order without an expiry date', (i) => (i.order.expiresAt = null)],
  [
    'a window of exactly the maximum',
    (i) => (i.target.window = { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }),
  ],
  [
    'an unbounded window when only the phone number is asked',
    (i) => {
      i.category = 'PHONE_NUMBER';
      i.target.window = { start: null, end: null };
    },
  ],
  [
    'out-of-band confirmation through the registry alone',
    (i) => (i.verification = { evidence: [outOfBandEvidence()] }),
  ],
  [
    'a failed signature check followed by a confirmation by telephone',
    (i) => {
      i.verification = { evidence: [signatureEvidence({ status: 'CERTIFICATE_EXPIRED' }), outOfBandEvidence()] };
    },
  ],
  [
    'a bad signature over an earlier, replaced document',
    (i) => {
      i.verification = {
        evidence: [signatureEvidence({ status: 'BAD_SIGNATURE', documentSha256: 'c'.repeat(64) }), signatureEvidence()],
      };
    },
  ],
  [
    'times written with an offset',
    (i) => {
      i.order.issuedAt = '2026-06-15T13:59:59+02:00';
      i.target.window = { start: '2025-12-31T19:00:00-05:00', end: '2026-06-01T05:30:00+05:30' };
    },
  ],
];

test.each(stillReleases)('%s still releases', (_name, change) => {
  const decision = decideAfter(change);
  expect(codes(decision)).toEqual(['ALL_CONDITIONS_MET']);
  expect(decision.outcome).toBe('RELEASE');
});

describe('deny by default, explain always', () => {
  test('a denial lists every rule that fired, not just the first', () => {
    const decision = decideAfter((i) => {
      i.order.legalProcess = 'SUBPOENA';
      i.order.expiresAt = '2026-01-01T00:00:00Z';
      i.target.role = 'VICTIM';
      i.verification = { evidence: [] };
      i.category = 'MESSAGE_CONTENT';
    });
    expect(codes(decision).sort()).toEqual(
      [
        'CONTENT_NEVER_DISCLOSED',
        'NOT_A_COURT_ORDER',
        'ORDER_EXPIRED',
        'ORDER_NOT_VERIFIED',
        'TARGET_IS_VICTIM',
      ].sort(),
    );
  });

  test.each<[string, Change, RegExp]>([
    [
      'an unknown process type',
      (i) => ((i.order as Record<string, unknown>).legalProcess = 'NATIONAL_SECURITY_LETTER'),
      /^order\.legalProcess: /,
    ],
    ['a missing field', (i) => delete (i.order as Partial<Order>).caseNumber, /^order\.caseNumber: /],
    ['an unknown field', (i) => ((i.target as Record<string, unknown>).override = true), /^target: .*override/],
    [
      'an unknown verification method',
      (i) => ((i.verification.evidence[0] as Record<string, unknown>).method = 'FAX'),
      /^verification\.evidence\.0\.method: /,
    ],
    ['a date that does not exist', (i) => (i.order.expiresAt = '2026-02-30T00:00:00Z'), /^order\.expiresAt: /],
    ['a local time without offset', (i) => (i.target.window.end = '2026-06-01T00:00:00'), /^target\.window\.end: /],
    ['an invalid clock', (i) => (i.now = new Date(Number.NaN)), /^now: /],
    ['a clock that is not a Date', (i) => ((i as Record<string, unknown>).now = '2026-06-15T12:00:00Z'), /^now: /],
    ['an order that is not an object', (i) => ((i as Record<string, unknown>).order = 'please'), /^order: /],
  ])('%s is INVALID_INPUT, naming the field', (_name, change, message) => {
    const decision = decideAfter(change);
    expect(decision.outcome).toBe('DENY');
    expect(decision.reasons).toContainEqual({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
  });

  test('an unreadable configuration denies under the hash of the unconfigured policy', () => {
    const decision = decideAfter((i) => (i.config = { acceptedCountries: ['UK'], maxWindowDays: 0 }));
    expect(decision.outcome).toBe('DENY');
    expect(decision.policyHash).toBe(UNCONFIGURED_POLICY_HASH);
    expect(decision.reasons.map((r) => r.message)).toEqual([
      expect.stringMatching(/^config\.acceptedCountries\.0: /),
      expect.stringMatching(/^config\.maxWindowDays: /),
    ]);
  });

  test('an input that throws when read is a denial, not an exception', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    const decision = decideAfter((i) => ((i as Record<string, unknown>).target = hostile));
    expect(decision.outcome).toBe('DENY');
    expect(codes(decision)).toEqual(['INVALID_INPUT']);
  });

  test('no reason names the target or the staff, since decisions are audited and may be published', () => {
    const decision = decideAfter((i) => {
      i.target.role = 'WITNESS';
      i.verification = { evidence: [signatureEvidence({ confirmedBy: 'reviewer-ana' })] };
    });
    const text = JSON.stringify(decision.reasons);
    expect(text).not.toMatch(/suspect_one|reviewer-ana|approver-ben/);
    const release = decideAfter(() => {});
    expect(JSON.stringify(release.reasons)).not.toMatch(/suspect_one|reviewer-ana|approver-ben/);
  });
});
