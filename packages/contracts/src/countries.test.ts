import { CountryCode, COUNTRY_CODES } from './countries.js';

describe('CountryCode', () => {
  it('knows all 249 assigned ISO 3166-1 alpha-2 codes, each once', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
  });

  it.each(['DE', 'FR', 'US', 'GB', 'BR'])('accepts %s', (code) => {
    expect(CountryCode.safeParse(code).success).toBe(true);
  });

  it.each([
    ['UK', 'not assigned'],
    ['XX', 'not assigned'],
    ['de', 'lower case'],
    ['DEU', 'alpha-3'],
    ['', 'empty'],
  ])('rejects %s (%s) with a message a person can act on', (code) => {
    const result = CountryCode.safeParse(code);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/ISO 3166-1 alpha-2/);
  });
});
