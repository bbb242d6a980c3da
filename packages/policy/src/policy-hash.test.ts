import { createHash } from 'node:crypto';
import { compilePolicy, PolicyConfigError } from './compile-policy.js';
import { decide } from './decide.js';
import { UNCONFIGURED_POLICY_HASH } from './policy-document.js';
import { POLICY_TEXT, POLICY_VERSION } from './policy-text.js';
import { policyHash, publishedPolicy } from './published-policy.js';
import { ReasonCode } from './reason-code.js';
import { CONFIG, NOW, validOrder, validTarget, validVerification } from './test-support/fixtures.js';

/**
 * Every published version of the policy and the hash of its unconfigured document. When this test fails you
 * changed the rules or their text: bump POLICY_VERSION and add the new line, never edit an old one.
 */
const PUBLISHED_VERSIONS: Record<string, string> = {
  '1.0.0': 'c733eb4f2d956aacaa46338f9571549c3a26412688a2e8e448f7934a0cc6a2d5',
};

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
        )
      : value;

describe('policy hash', () => {
  test('is the SHA-256 of the published RFC 8785 document', () => {
    const published = publishedPolicy(CONFIG);
    expect(published.hash).toBe(createHash('sha256').update(published.document, 'utf8').digest('hex'));
    // For this document (strings, integers, no floats) RFC 8785 is JSON with keys sorted and no whitespace.
    expect(published.document).toBe(JSON.stringify(sortKeys(JSON.parse(published.document))));
    expect(JSON.parse(published.document)).toMatchObject({
      version: POLICY_VERSION,
      text: POLICY_TEXT,
      parameters: { acceptedCountries: ['DE', 'FR'], acceptedJurisdictions: ['US-CA'], maxWindowDays: 365 },
      categories: { releasable: ['IP_ADDRESS', 'PHONE_NUMBER'] },
    });
  });

  test('does not depend on key order, list order, duplicates or spelled-out defaults', () => {
    const reference = policyHash({ acceptedCountries: ['DE', 'FR'], maxWindowDays: 365 });
    expect(policyHash({ maxWindowDays: 365, acceptedCountries: ['DE', 'FR'] })).toBe(reference);
    expect(policyHash({ acceptedCountries: ['FR', 'DE', 'FR'] })).toBe(reference);
    expect(policyHash({ acceptedJurisdictions: [], acceptedCountries: ['DE', 'FR'], maxWindowDays: 365 })).toBe(
      reference,
    );
  });

  test.each([
    ['the maximum window', { acceptedCountries: ['DE', 'FR'], maxWindowDays: 364 }],
    ['the accepted countries', { acceptedCountries: ['DE'] }],
    ['the accepted jurisdictions', { acceptedCountries: ['DE', 'FR'], acceptedJurisdictions: ['DE-BY'] }],
  ])('changes when %s changes', (_name, config) => {
    expect(policyHash(config)).not.toBe(policyHash({ acceptedCountries: ['DE', 'FR'] }));
  });

  test('is carried by every decision, RELEASE and DENY alike', () => {
    const hash = policyHash(CONFIG);
    expect(decide(validOrder(), validVerification(), validTarget(), 'PHONE_NUMBER', NOW, CONFIG).policyHash).toBe(hash);
    expect(decide(validOrder(), validVerification(), validTarget(), 'MEDIA', NOW, CONFIG).policyHash).toBe(hash);
  });

  test('is pinned per published version: changing the policy without a new version fails here', () => {
    expect(PUBLISHED_VERSIONS[POLICY_VERSION]).toBe(UNCONFIGURED_POLICY_HASH);
  });
});

describe('published policy', () => {
  test('the text names every reason code, so the public can read what each one means', () => {
    for (const code of ReasonCode.options) expect(POLICY_TEXT).toContain(code);
  });

  test('an invalid configuration is refused with every problem, so the server does not start', () => {
    expect(() => compilePolicy({ acceptedCountries: ['UK'], maxWindowDays: 1.5 })).toThrow(PolicyConfigError);
    expect(() => publishedPolicy({ acceptedCountries: ['UK'], maxWindowDays: 1.5 })).toThrow(
      /acceptedCountries\.0: .*maxWindowDays: /,
    );
  });

  test('is compiled once per configuration object and frozen', () => {
    const policy = compilePolicy(CONFIG);
    expect(compilePolicy(CONFIG)).toBe(policy);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.parameters.acceptedCountries)).toBe(true);
  });
});
