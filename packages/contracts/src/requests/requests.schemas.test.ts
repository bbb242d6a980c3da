import { AddTargets, CreateRequest, ListRequestsQuery, TargetInput } from './requests.schemas.js';

const target = (selectorType: string, value: string) => TargetInput.safeParse({ selectorType, value, role: 'SUSPECT' });

describe('TargetInput', () => {
  it.each([
    ['PHONE_NUMBER', '+49 (30) 123-4567', '+49301234567'],
    ['PHONE_NUMBER', '+1.202.555.0100', '+12025550100'],
    ['USERNAME', '@alice.b', 'alice.b'],
    ['USERNAME', 'Zoë_99', 'Zoë_99'],
    ['ACCOUNT_ID', ' acct:000042 ', 'acct:000042'],
  ])('accepts %s %j as %j', (type, value, stored) => {
    const result = target(type, value);
    expect(result.success && result.data.value).toBe(stored);
  });

  it.each([
    ['PHONE_NUMBER', '0301234567'],
    ['PHONE_NUMBER', '+49301234567890123'],
    ['PHONE_NUMBER', '+4930\u0000123'],
    ['USERNAME', 'two words'],
    ['USERNAME', ''],
    ['ACCOUNT_ID', '../etc/passwd'],
  ])('refuses %s %j', (type, value) => {
    expect(target(type, value).success).toBe(false);
  });
});

describe('CreateRequest and ListRequestsQuery', () => {
  const base = {
    type: 'RECORDS',
    legalProcess: 'COURT_ORDER',
    authorityId: '00000000-0000-4000-8000-000000000001',
    hasNdo: false,
    targets: [{ selectorType: 'USERNAME', value: 'alice', role: 'SUSPECT' }],
    categories: [{ category: 'IP_ADDRESS' }],
  };

  it('treats null like an absent optional field, and refuses text it cannot store', () => {
    expect(CreateRequest.safeParse({ ...base, caseNumber: null }).success).toBe(true);
    expect(CreateRequest.safeParse({ ...base, caseNumber: 'a\ud800b' }).success).toBe(false);
    expect(CreateRequest.safeParse({ ...base, issuedAt: '0001-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('reads status lists written either way, and a date range given by days', () => {
    expect(ListRequestsQuery.parse({ status: 'RECEIVED,IN_REVIEW' }).status).toEqual(['RECEIVED', 'IN_REVIEW']);
    expect(ListRequestsQuery.parse({ status: ['RECEIVED', 'CLOSED'] }).status).toEqual(['RECEIVED', 'CLOSED']);
    expect(ListRequestsQuery.safeParse({ receivedFrom: '2026-03-01', receivedTo: '2026-03-01' }).success).toBe(true);
    expect(
      ListRequestsQuery.safeParse({ receivedFrom: '2026-03-02', receivedTo: '2026-03-01T23:00:00Z' }).success,
    ).toBe(false);
  });
});

describe('namedInOrder defaults', () => {
  const bare = { selectorType: 'USERNAME', value: 'bob', role: 'VICTIM' };

  it('is true for a target logged at intake and false for one added later, unless the body says otherwise', () => {
    expect(TargetInput.parse(bare).namedInOrder).toBe(true);
    expect(AddTargets.parse({ version: 1, targets: [bare] }).targets[0]!.namedInOrder).toBe(false);
    expect(AddTargets.parse({ version: 1, targets: [{ ...bare, namedInOrder: true }] }).targets[0]!.namedInOrder).toBe(
      true,
    );
  });
});
