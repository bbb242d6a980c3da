import fc from 'fast-check';
import { compilePolicy } from '@writ/policy';
import { assessVerification, evaluateRequest } from './evaluate-request.js';
import { type PolicyRows, toEvidence, toPolicyInputs, type VerificationRowForPolicy } from './policy-inputs.js';

// The mapper against the real engine: a complete request releases, and every way of leaving something out
// denies. No database here; test/api/decisions.test.ts drives the same path over HTTP.

const policy = compilePolicy({ acceptedCountries: ['DE'], acceptedJurisdictions: [], maxWindowDays: 365 });
const NOW = new Date('2026-03-01T12:00:00Z');
const DOC = 'a'.repeat(64);
const COURT = '11111111-1111-4111-8111-111111111111';
const REVIEWER = '22222222-2222-4222-8222-222222222222';
const APPROVER = '33333333-3333-4333-8333-333333333333';

function signature(overrides: Partial<VerificationRowForPolicy> = {}): VerificationRowForPolicy {
  return {
    method: 'SIGNATURE',
    result: 'VALID',
    details: { authorityId: COURT, documentSha256: DOC },
    documentSha256: DOC,
    channelAuthorityId: null,
    recordedById: REVIEWER,
    confirmedById: APPROVER,
    ...overrides,
  };
}

function complete(): PolicyRows {
  return {
    request: {
      type: 'RECORDS',
      legalProcess: 'COURT_ORDER',
      caseNumber: '2 BvR 1234/21',
      legalBasis: '§ 100j StPO',
      statementOfReasons: 'Fraud investigation',
      offenceCategory: null,
      issuedAt: new Date('2026-01-10T09:00:00Z'),
      expiresAt: new Date('2026-06-30T00:00:00Z'),
      withdrawnAt: null,
    },
    authority: { id: COURT, kind: 'COURT', status: 'ACTIVE', country: 'DE', jurisdiction: 'DE-BE' },
    targets: [
      {
        id: 't1',
        selectorType: 'USERNAME',
        value: 'alice_1',
        role: 'SUSPECT',
        namedInOrder: true,
        windowStart: new Date('2025-12-01T00:00:00Z'),
        windowEnd: new Date('2026-01-01T00:00:00Z'),
      },
    ],
    orderDocumentSha256s: [DOC],
    verifications: [signature()],
  };
}

const decideAll = (rows: PolicyRows) =>
  evaluateRequest(policy, toPolicyInputs(rows), ['IP_ADDRESS', 'PHONE_NUMBER'], NOW).map((e) => e.decision);
const codes = (rows: PolicyRows) => decideAll(rows).flatMap((decision) => decision.reasons.map((r) => r.code));

describe('toPolicyInputs', () => {
  it('maps a complete request field by field, and the engine releases both categories', () => {
    const inputs = toPolicyInputs(complete());
    expect(inputs.order).toEqual({
      requestType: 'RECORDS',
      legalProcess: 'COURT_ORDER',
      issuingAuthority: { id: COURT, kind: 'COURT', status: 'ACTIVE', country: 'DE', jurisdiction: 'DE-BE' },
      caseNumber: '2 BvR 1234/21',
      legalBasis: '§ 100j StPO',
      statementOfReasons: 'Fraud investigation',
      criminalInvestigation: false,
      issuedAt: '2026-01-10T09:00:00.000Z',
      expiresAt: '2026-06-30T00:00:00.000Z',
      withdrawnAt: null,
      documentSha256: DOC,
      namedTargets: [{ type: 'USERNAME', value: 'alice_1' }],
    });
    expect(inputs.targets).toEqual([
      {
        id: 't1',
        target: {
          selector: { type: 'USERNAME', value: 'alice_1' },
          role: 'SUSPECT',
          namedInOrder: true,
          window: { start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' },
        },
      },
    ]);
    expect(inputs.verification.evidence).toEqual([
      {
        method: 'SIGNATURE',
        documentSha256: DOC,
        status: 'VALID',
        authorityId: COURT,
        recordedBy: REVIEWER,
        confirmedBy: APPROVER,
      },
    ]);
    expect(decideAll(complete()).map((d) => d.outcome)).toEqual(['RELEASE', 'RELEASE']);
  });

  it('maps blank text to null, so the engine names what is missing', () => {
    const rows = complete();
    rows.request.caseNumber = '  ';
    rows.request.legalBasis = '';
    rows.request.statementOfReasons = null;
    rows.request.issuedAt = null;
    expect(new Set(codes(rows))).toEqual(
      new Set([
        'ORDER_MISSING_CASE_NUMBER',
        'ORDER_MISSING_LEGAL_BASIS',
        'ORDER_MISSING_STATEMENT_OF_REASONS',
        'ORDER_MISSING_ISSUE_DATE',
      ]),
    );
  });

  it('treats a request with an offence category as a criminal investigation (no statement of reasons needed)', () => {
    const rows = complete();
    rows.request.statementOfReasons = null;
    rows.request.offenceCategory = ' ';
    expect(codes(rows)).toContain('ORDER_MISSING_STATEMENT_OF_REASONS');
    rows.request.offenceCategory = 'fraud';
    expect(toPolicyInputs(rows).order.criminalInvestigation).toBe(true);
    expect(decideAll(rows).map((d) => d.outcome)).toEqual(['RELEASE', 'RELEASE']);
  });

  it('maps a missing authority to null (AUTHORITY_NOT_REGISTERED) and an unusable jurisdiction to null', () => {
    const missing = complete();
    missing.authority = null;
    expect(codes(missing)).toContain('AUTHORITY_NOT_REGISTERED');

    const long = complete();
    long.authority!.jurisdiction = 'x'.repeat(129);
    expect(toPolicyInputs(long).order.issuingAuthority?.jurisdiction).toBeNull();
    long.authority!.country = 'US';
    expect(codes(long)).toContain('JURISDICTION_NOT_ACCEPTED');
    const blank = complete();
    blank.authority!.jurisdiction = '   ';
    expect(toPolicyInputs(blank).order.issuingAuthority?.jurisdiction).toBeNull();
  });

  it('knows the order document only when there is exactly one (identical uploads count once)', () => {
    const rows = complete();
    rows.orderDocumentSha256s = [];
    expect(toPolicyInputs(rows).order.documentSha256).toBeNull();
    expect(codes(rows)).toEqual(expect.arrayContaining(['ORDER_NOT_VERIFIED', 'EVIDENCE_FOR_OTHER_DOCUMENT']));
    rows.orderDocumentSha256s = [DOC, 'b'.repeat(64)];
    expect(toPolicyInputs(rows).order.documentSha256).toBeNull();
    rows.orderDocumentSha256s = [DOC, DOC];
    expect(toPolicyInputs(rows).order.documentSha256).toBe(DOC);
  });

  it('names in the order only the targets marked as named in it', () => {
    const rows = complete();
    rows.targets = [...rows.targets, { ...rows.targets[0]!, id: 't2', value: 'bob', namedInOrder: false }];
    expect(toPolicyInputs(rows).order.namedTargets).toEqual([{ type: 'USERNAME', value: 'alice_1' }]);
    const decisions = evaluateRequest(policy, toPolicyInputs(rows), ['PHONE_NUMBER'], NOW);
    expect(decisions.map((d) => [d.targetId, d.decision.outcome])).toEqual([
      ['t1', 'RELEASE'],
      ['t2', 'DENY'],
    ]);
    expect(decisions[1]!.decision.reasons.map((r) => r.code)).toEqual(['TARGET_NOT_NAMED']);
  });

  it('maps an open window to nulls, which the engine refuses for IP addresses only', () => {
    const rows = complete();
    rows.targets[0]!.windowEnd = null;
    const [ip, phone] = decideAll(rows);
    expect(ip!.reasons.map((r) => r.code)).toEqual(['WINDOW_UNBOUNDED']);
    expect(phone!.outcome).toBe('RELEASE');
  });

  // Every way a stored request can be defective, alone or together: never a release.
  const DEFECTS: Record<string, (rows: PolicyRows) => void> = {
    subpoena: (rows) => (rows.request.legalProcess = 'SUBPOENA'),
    emergency: (rows) => (rows.request.type = 'EMERGENCY'),
    police: (rows) => (rows.authority!.kind = 'POLICE'),
    suspended: (rows) => (rows.authority!.status = 'SUSPENDED'),
    foreign: (rows) => (rows.authority!.country = 'US'),
    unregistered: (rows) => (rows.authority = null),
    noCaseNumber: (rows) => (rows.request.caseNumber = null),
    noLegalBasis: (rows) => (rows.request.legalBasis = null),
    noIssueDate: (rows) => (rows.request.issuedAt = null),
    expired: (rows) => (rows.request.expiresAt = new Date('2026-02-01T00:00:00Z')),
    withdrawn: (rows) => (rows.request.withdrawnAt = new Date('2026-02-01T00:00:00Z')),
    future: (rows) => (rows.request.issuedAt = new Date('2026-12-01T00:00:00Z')),
    victim: (rows) => (rows.targets[0]!.role = 'VICTIM'),
    notNamed: (rows) => (rows.targets[0]!.namedInOrder = false),
    unconfirmed: (rows) => (rows.verifications[0]!.confirmedById = null),
    sameEyes: (rows) => (rows.verifications[0]!.confirmedById = REVIEWER),
    badSignature: (rows) => (rows.verifications[0]!.result = 'BAD_SIGNATURE'),
    garbledResult: (rows) => (rows.verifications[0]!.result = 'valid'),
    otherDocument: (rows) => (rows.verifications[0]!.details = { authorityId: COURT, documentSha256: 'c'.repeat(64) }),
    otherCourt: (rows) => (rows.verifications[0]!.details = { authorityId: 'another', documentSha256: DOC }),
    unattributed: (rows) => (rows.verifications[0]!.details = {}),
    noEvidence: (rows) => (rows.verifications = []),
    noOrderDocument: (rows) => (rows.orderDocumentSha256s = []),
  };

  it('denies every category for any combination of defects', () => {
    fc.assert(
      fc.property(fc.subarray(Object.keys(DEFECTS), { minLength: 1 }), (defects) => {
        const rows = complete();
        for (const defect of defects) DEFECTS[defect]!(rows);
        expect(decideAll(rows).map((d) => d.outcome)).toEqual(['DENY', 'DENY']);
      }),
    );
  });
});

describe('toEvidence', () => {
  it('takes the hash of the bytes checked over the intake hash, and drops signature evidence it cannot attribute', () => {
    expect(toEvidence(signature({ details: { authorityId: COURT, documentSha256: 'd'.repeat(64) } }))).toMatchObject({
      documentSha256: 'd'.repeat(64),
    });
    expect(toEvidence(signature({ details: { authorityId: COURT } }))).toMatchObject({ documentSha256: DOC });
    expect(toEvidence(signature({ details: { authorityId: COURT }, documentSha256: null }))).toBeNull();
    expect(toEvidence(signature({ details: null }))).toBeNull();
    expect(toEvidence(signature({ details: ['not', 'an', 'object'] }))).toBeNull();
  });

  it('reads an unknown signature status as MALFORMED and an unknown call-back outcome as NOT_CONFIRMED', () => {
    expect(toEvidence(signature({ result: 'PROBABLY_FINE' }))).toMatchObject({ status: 'MALFORMED' });
    const callBack = signature({ method: 'OUT_OF_BAND', result: 'YES', channelAuthorityId: COURT, details: {} });
    expect(toEvidence(callBack)).toMatchObject({ outcome: 'NOT_CONFIRMED', channelFromRegistry: true });
  });

  it('marks a call-back without a registry channel as not from the registry', () => {
    const base = { method: 'OUT_OF_BAND', result: 'CONFIRMED', documentSha256: null } as const;
    expect(toEvidence(signature({ ...base, channelAuthorityId: COURT, details: {} }))).toEqual({
      method: 'OUT_OF_BAND',
      channelFromRegistry: true,
      outcome: 'CONFIRMED',
      authorityId: COURT,
      recordedBy: REVIEWER,
      confirmedBy: APPROVER,
    });
    expect(toEvidence(signature({ ...base, channelAuthorityId: null, details: { authorityId: COURT } }))).toMatchObject(
      {
        channelFromRegistry: false,
      },
    );
    expect(toEvidence(signature({ ...base, channelAuthorityId: null, details: {} }))).toBeNull();
    expect(toEvidence(signature({ method: 'TELEPATHY' }))).toBeNull();
  });
});

describe('assessVerification', () => {
  const assess = (rows: PolicyRows) => assessVerification(policy, toPolicyInputs(rows), NOW);

  it('counts the order as verified with one confirmed valid signature, whatever else is wrong with the request', () => {
    const rows = complete();
    rows.request.legalProcess = 'SUBPOENA';
    rows.targets = [];
    expect(assess(rows)).toEqual({ verified: true, reasons: [] });
  });

  it('reports the verification rules that fired otherwise', () => {
    const unconfirmed = complete();
    unconfirmed.verifications[0]!.confirmedById = null;
    expect(assess(unconfirmed).verified).toBe(false);
    expect(assess(unconfirmed).reasons.map((r) => r.code)).toEqual([
      'ORDER_NOT_VERIFIED',
      'VERIFICATION_NOT_CONFIRMED',
    ]);

    const forged = complete();
    forged.verifications.push(signature({ result: 'BAD_SIGNATURE', confirmedById: null }));
    expect(assess(forged).reasons.map((r) => r.code)).toEqual(['SIGNATURE_BAD']);
  });
});
