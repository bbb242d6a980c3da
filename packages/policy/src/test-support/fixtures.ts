import type { PolicyConfig } from '../policy-config.js';
import type { Order } from '../order.js';
import type { Target } from '../target.js';
import type { VerificationEvidence, VerificationSummary } from '../verification.js';

// One order that satisfies every rule of docs/POLICY.md; each table test breaks exactly one thing.

export const NOW = new Date('2026-06-15T12:00:00Z');
export const DOCUMENT_SHA256 = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
export const COURT_ID = 'court-de-ag-berlin-tiergarten';

export const CONFIG: PolicyConfig = { acceptedCountries: ['DE', 'FR'], acceptedJurisdictions: ['US-CA'] };

export function validOrder(): Order {
  return {
    requestType: 'RECORDS',
    legalProcess: 'COURT_ORDER',
    issuingAuthority: { id: COURT_ID, kind: 'COURT', status: 'ACTIVE', country: 'DE', jurisdiction: 'DE-BE' },
    caseNumber: '352 Gs 1234/26',
    legalBasis: '§ 100g StPO',
    statementOfReasons: 'Suspected fraud via the account named below.',
    criminalInvestigation: true,
    issuedAt: '2026-06-01T00:00:00Z',
    expiresAt: '2026-09-01T00:00:00Z',
    withdrawnAt: null,
    documentSha256: DOCUMENT_SHA256,
    namedTargets: [
      { type: 'USERNAME', value: 'suspect_one' },
      { type: 'PHONE_NUMBER', value: '+4915112345678' },
    ],
  };
}

export function signatureEvidence(overrides: Partial<VerificationEvidence> = {}): VerificationEvidence {
  return {
    method: 'SIGNATURE',
    authorityId: COURT_ID,
    documentSha256: DOCUMENT_SHA256,
    status: 'VALID',
    recordedBy: 'reviewer-ana',
    confirmedBy: 'approver-ben',
    ...overrides,
  } as VerificationEvidence;
}

export function outOfBandEvidence(overrides: Partial<VerificationEvidence> = {}): VerificationEvidence {
  return {
    method: 'OUT_OF_BAND',
    authorityId: COURT_ID,
    channelFromRegistry: true,
    outcome: 'CONFIRMED',
    recordedBy: 'reviewer-ana',
    confirmedBy: 'approver-ben',
    ...overrides,
  } as VerificationEvidence;
}

export function validVerification(): VerificationSummary {
  return { evidence: [signatureEvidence()] };
}

export function validTarget(): Target {
  return {
    selector: { type: 'USERNAME', value: 'suspect_one' },
    role: 'SUSPECT',
    namedInOrder: true,
    window: { start: '2026-01-01T00:00:00Z', end: '2026-06-01T00:00:00Z' },
  };
}
