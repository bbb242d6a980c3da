// A blank field's message is the API's answer (after the field's name) and the portal's words beside the field's
// label: it says what to write, in words, never a property name or the schema library's own wording.
import { CreateAuthorityRequest } from './authorities/authorities.contract.js';
import { CreateStaffRequest } from './staff/staff.contract.js';
import { CreateRequest, ListRequestsQuery } from './requests/requests.schemas.js';
import { RecordOutOfBandVerification } from './verification/verification.contract.js';

function messages(schema: { safeParse: (value: unknown) => { error?: { issues: unknown[] } } }, value: unknown) {
  const issues = (schema.safeParse(value).error?.issues ?? []) as { path: PropertyKey[]; message: string }[];
  return Object.fromEntries(issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('messages for blank or inconsistent fields', () => {
  it('a new account and a new authority without a name', () => {
    const account = messages(CreateStaffRequest, { email: 'a@example.org', displayName: '  ', roles: ['INTAKE'] });
    expect(account).toEqual({ displayName: "give the person's name" });
    const authority = messages(CreateAuthorityRequest, { name: '', kind: 'COURT', country: 'DE', jurisdiction: '' });
    expect(authority).toEqual({
      name: "give the authority's name (at least 2 characters)",
      jurisdiction: 'say what the authority may order, and where',
    });
  });

  it('a call-back with no one named, no time and no note: each is asked for, none is to be left out', () => {
    const callBack = messages(RecordOutOfBandVerification, {
      contactChannelId: '00000000-0000-4000-8000-000000000001',
      contactPerson: '',
      outcome: 'CONFIRMED',
      note: ' ',
    });
    expect(callBack).toEqual({
      contactPerson: 'give the name of the person who answered',
      contactedAt: 'give the date and time',
      note: 'say what was asked and what they answered',
    });
  });

  it('a time window and a date range that end before they start', () => {
    const request = messages(CreateRequest, {
      type: 'RECORDS',
      legalProcess: 'COURT_ORDER',
      authorityId: '00000000-0000-4000-8000-000000000001',
      hasNdo: false,
      targets: [
        {
          selectorType: 'USERNAME',
          value: 'alice',
          role: 'SUSPECT',
          windowStart: '2026-02-01T00:00:00Z',
          windowEnd: '2026-01-01T00:00:00Z',
        },
      ],
      categories: [{ category: 'IP_ADDRESS' }],
    });
    expect(request).toEqual({ 'targets.0.windowEnd': 'must be after the start of the time window' });
    const range = messages(ListRequestsQuery, { receivedFrom: '2026-03-01', receivedTo: '2026-02-01' });
    expect(range).toEqual({ receivedTo: 'must not be before the start of the date range' });
  });
});
