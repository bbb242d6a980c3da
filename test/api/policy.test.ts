import { createHash } from 'node:crypto';
import { PublishedPolicyResponse } from '@writ/contracts';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ POLICY_ACCEPTED_COUNTRIES: 'DE,FR', POLICY_MAX_WINDOW_DAYS: '90' });
});
afterAll(async () => {
  await t.close();
});

describe('GET /policy', () => {
  it('publishes the text, the parameters in force and a hash anyone can recompute', async () => {
    const response = await fetch(`${t.url}/policy`);
    expect(response.status).toBe(200);
    const policy = PublishedPolicyResponse.parse(await response.json());
    expect(policy.parameters).toEqual({
      acceptedCountries: ['DE', 'FR'],
      acceptedJurisdictions: [],
      maxWindowDays: 90,
    });
    expect(createHash('sha256').update(policy.document).digest('hex')).toBe(policy.hash);
    expect(policy.text).toMatch(/IP address/i);
    expect(policy.text).toMatch(/phone number/i);
  });

  it('changes its hash when a parameter changes', async () => {
    const other = await startTestApp({ POLICY_ACCEPTED_COUNTRIES: 'DE,FR', POLICY_MAX_WINDOW_DAYS: '91' });
    try {
      const [a, b] = await Promise.all([
        fetch(`${t.url}/policy`).then(async (r) => PublishedPolicyResponse.parse(await r.json())),
        fetch(`${other.url}/policy`).then(async (r) => PublishedPolicyResponse.parse(await r.json())),
      ]);
      expect(a.hash).not.toBe(b.hash);
    } finally {
      await other.close();
    }
  });
});
