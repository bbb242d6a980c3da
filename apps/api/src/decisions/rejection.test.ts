import { ReasonCode } from '@writ/policy';
import { type DecidedItem, REASON_CLASS, reasonClass, rejectionFor } from './rejection.js';

const deny = (...codes: string[]): DecidedItem => ({ outcome: 'DENY', reasons: codes.map((code) => ({ code })) });
const release: DecidedItem = { outcome: 'RELEASE', reasons: [{ code: 'ALL_CONDITIONS_MET' }] };

describe('rejectionFor', () => {
  it('is null as soon as one decision releases something', () => {
    expect(rejectionFor([deny('CONTENT_NEVER_DISCLOSED'), release])).toBeNull();
  });

  it.each([
    [
      'a subpoena',
      [deny('NOT_A_COURT_ORDER', 'ORDER_NOT_VERIFIED'), deny('NOT_A_COURT_ORDER', 'CONTENT_NEVER_DISCLOSED')],
      'NOT_COURT_ORDER',
    ],
    ['a preservation request', [deny('NOT_A_DISCLOSURE_REQUEST')], 'NOT_COURT_ORDER'],
    ['a police authority', [deny('AUTHORITY_NOT_A_COURT', 'ORDER_MISSING_LEGAL_BASIS')], 'NOT_COURT_ORDER'],
    [
      'only content asked, even from an unverified, incomplete order',
      [
        deny('CONTENT_NEVER_DISCLOSED', 'ORDER_NOT_VERIFIED', 'ORDER_MISSING_LEGAL_BASIS'),
        deny('CATEGORY_NOT_RELEASABLE'),
      ],
      'SCOPE',
    ],
    ['a forged signature', [deny('SIGNATURE_BAD'), deny('SIGNATURE_BAD', 'CONTENT_NEVER_DISCLOSED')], 'UNVERIFIED'],
    [
      'an unconfirmed order',
      [deny('ORDER_NOT_VERIFIED', 'VERIFICATION_NOT_CONFIRMED', 'WINDOW_UNBOUNDED')],
      'UNVERIFIED',
    ],
    ['an expired order', [deny('ORDER_EXPIRED'), deny('ORDER_EXPIRED', 'TARGET_IS_VICTIM')], 'INVALID'],
    ['an unbounded window', [deny('WINDOW_UNBOUNDED'), deny('CONTENT_NEVER_DISCLOSED')], 'INVALID'],
    ['a foreign court', [deny('JURISDICTION_NOT_ACCEPTED')], 'INVALID'],
    [
      'only victims and witnesses',
      [deny('TARGET_IS_VICTIM'), deny('TARGET_IS_WITNESS', 'CONTENT_NEVER_DISCLOSED')],
      'SCOPE',
    ],
    ['an identifier the order does not name', [deny('TARGET_NOT_NAMED')], 'SCOPE'],
    ['unreadable input', [deny('INVALID_INPUT')], 'INVALID'],
    ['a code this version does not know', [deny('SOMETHING_NEW')], 'INVALID'],
    ['a denial without reasons', [deny()], 'INVALID'],
    ['nothing to decide', [], 'INVALID'],
  ] as const)('%s → REJECTED_%s', (_name, decisions, expected) => {
    expect(rejectionFor(decisions)).toBe(expected);
  });
});

describe('REASON_CLASS', () => {
  it('classifies every reason code of the engine, and only ALL_CONDITIONS_MET as a release', () => {
    expect(Object.keys(REASON_CLASS).sort()).toEqual([...ReasonCode.options].sort());
    expect(ReasonCode.options.filter((code) => reasonClass(code) === 'RELEASE')).toEqual(['ALL_CONDITIONS_MET']);
    expect(reasonClass('toString')).toBe('INVALID');
  });
});
