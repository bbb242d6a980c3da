import { AUDIT_ACTIONS, type AuditAction, AuditAction as Actions, type RequestHistoryEvent } from '@writ/contracts';
import { actorWords, type HistoryContext, historyText, isHistoryAction } from './history-words';

const DOC = '5b0a1f7e-93a4-4c52-8f0e-0c2d1e6a9b11';
const TARGET = 'c3e1a2b4-1111-4d2e-9f00-aaaaaaaaaaaa';
const ctx: HistoryContext = {
  fileNames: new Map([[DOC, 'beschluss.pdf']]),
  targetNames: new Map([[TARGET, 'username @alice']]),
};

function event(action: AuditAction, details: Record<string, unknown>, subjectId: string | null = null) {
  const value: RequestHistoryEvent = {
    id: '42',
    at: '2026-03-02T10:15:30.123Z',
    actorLabel: 'clerk@example.org',
    action,
    subjectType: AUDIT_ACTIONS[action].subject,
    subjectId,
    details,
    logIndex: 7,
  };
  return value;
}

// Realistic public details, as the API writes them; the expected sentence is what a clerk reads.
const SAMPLES: [RequestHistoryEvent, string][] = [
  [
    event('request.created', { receivedAt: '2026-03-01T08:00:00.000Z' }),
    'Logged as received (received 2026-03-01 08:00 UTC)',
  ],
  [
    event('request.updated', { version: 3, changed: ['caseNumber', 'dueAt'], changes: {} }),
    'Corrected: case number, answer due',
  ],
  [
    event('request.target.removed', { version: 4, targetId: TARGET, selectorType: 'PHONE_NUMBER', role: 'SUSPECT' }),
    'Removed a target (phone number, suspect)',
  ],
  [
    event('request.transitioned', { from: 'RECEIVED', to: 'IN_REVIEW', outcome: null, reasonCode: null, version: 2 }),
    'Received → In review',
  ],
  [
    event('request.ndo.changed', {
      version: 5,
      change: 'EXTENDED',
      hasNdo: { from: true, to: true },
      ndoEndsAt: { from: '2026-04-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' },
      inForce: { from: true, to: true },
      userNotified: false,
    }),
    'Gag order extended, now until 2026-07-01 00:00 UTC',
  ],
  [
    event('request.ndo.changed', {
      version: 5,
      change: 'IMPOSED',
      hasNdo: { from: false, to: true },
      ndoEndsAt: { from: null, to: null },
      inForce: { from: false, to: true },
      userNotified: false,
    }),
    'Gag order imposed, until lifted',
  ],
  [
    event(
      'document.uploaded',
      { requestId: TARGET, kind: 'ORDER', mediaType: 'application/pdf', size: 10, signatureFormat: 'CMS' },
      DOC,
    ),
    'Uploaded beschluss.pdf (order, with a detached CMS signature)',
  ],
  [
    event('document.read', { requestId: TARGET, part: 'signature', purpose: 'verification', verificationId: DOC }, DOC),
    'Read the signature of beschluss.pdf to check it',
  ],
  [
    event('verification.recorded', {
      verificationId: DOC,
      method: 'SIGNATURE',
      result: 'BAD_SIGNATURE',
      documentId: DOC,
      format: 'CMS',
      keyId: null,
      matchesIntakeHash: true,
    }),
    'Checked the order’s signature: bad signature',
  ],
  [
    event('verification.recorded', {
      verificationId: DOC,
      method: 'OUT_OF_BAND',
      result: 'CONFIRMED',
      contactChannelId: DOC,
      channelKind: 'PHONE',
      contactedAt: '2026-03-02T10:00:00.000Z',
    }),
    'Recorded a call-back to the authority by phone: confirmed',
  ],
  [
    event('verification.confirmed', {
      verificationId: DOC,
      method: 'OUT_OF_BAND',
      result: 'CONFIRMED',
      recordedById: DOC,
    }),
    'Confirmed the call-back as a second person (confirmed)',
  ],
  [
    event('target.looked_up', { targetId: TARGET, lookupResult: 'NOT_FOUND' }),
    'Looked up username @alice in the subscriber data: not found',
  ],
  [
    event('decision.recorded', {
      requestId: TARGET,
      targetId: TARGET,
      category: 'MESSAGE_CONTENT',
      outcome: 'DENY',
      reasonCodes: ['CATEGORY_NEVER_DISCLOSED'],
      policyHash: 'ab'.repeat(32),
    }),
    'Decision on message content of username @alice: DENY',
  ],
  [
    event('decisions.recorded', {
      policyHash: 'ab'.repeat(32),
      outcome: null,
      decisions: 3,
      released: 1,
      denied: 2,
      rejection: null,
    }),
    'Recorded the decisions: 1 release, 2 denials',
  ],
  [
    event('disclosure.prepared', {
      disclosureId: DOC,
      manifestSha256: 'cd'.repeat(32),
      policyHash: 'ab'.repeat(32),
      decisionIds: [DOC],
      items: { IP_ADDRESS: 3, PHONE_NUMBER: 1 },
      targetsWithoutAccount: [],
    }),
    'Prepared a disclosure package (3 IP addresses, 1 phone number)',
  ],
  [
    event('disclosure.link_created', { disclosureId: DOC, expiresAt: '2026-03-09T10:15:00.000Z', replacesLink: true }),
    'Made a new one-time link (the old one stopped working), valid until 2026-03-09 10:15 UTC',
  ],
  [
    event('disclosure.download_refused', { disclosureId: DOC, linkCreatedById: DOC, why: 'ROLE_REMOVED' }),
    'A download was refused: the person who made the link is no longer allowed to deliver',
  ],
];

describe('a request’s history in words', () => {
  it('words every action a request, its documents or its decisions can have', () => {
    const about = Actions.options.filter((action) =>
      ['request', 'document', 'decision'].includes(AUDIT_ACTIONS[action].subject),
    );
    expect(about.length).toBeGreaterThan(25);
    expect(about.filter((action) => !isHistoryAction(action))).toEqual([]);
    // Actions about other things are not a request's history.
    expect(isHistoryAction('staff.created' as AuditAction)).toBe(false);
  });

  it.each(SAMPLES)('says %#: what a clerk reads', (sample, text) => {
    expect(historyText(sample, ctx)).toBe(text);
  });

  it('never shows an id, a code in capitals with underscores, or a machine timestamp', () => {
    for (const [sample] of SAMPLES) {
      const text = historyText(sample, ctx);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    }
  });

  it('names a file or target the page no longer knows without inventing one', () => {
    const empty: HistoryContext = { fileNames: new Map(), targetNames: new Map() };
    expect(historyText(SAMPLES[6]![0], empty)).toBe('Uploaded a document (order, with a detached CMS signature)');
    expect(historyText(SAMPLES[11]![0], empty)).toBe(
      'Looked up a target since removed in the subscriber data: not found',
    );
  });

  it('says who acted in words', () => {
    expect(actorWords('clerk@example.org')).toBe('clerk@example.org');
    expect(actorWords('public')).toBe('the authority, by its link');
    expect(actorWords('system:disclosure-expiry')).toBe('Writ (automatic)');
  });
});
