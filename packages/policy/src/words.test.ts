import { categoryWords, instantWords } from './words.js';

describe('the words reasons use', () => {
  it('names a category inside a sentence in lower case, keeping an abbreviation', () => {
    expect(categoryWords('CONTACTS')).toBe('contacts');
    expect(categoryWords('MEDIA')).toBe('photos, videos and other media');
    expect(categoryWords('IP_ADDRESS')).toBe('IP addresses');
  });

  it('gives an instant in UTC, to the minute, with seconds only when there are some', () => {
    expect(instantWords('2026-08-25T08:22:00+02:00')).toBe('2026-08-25 06:22 UTC');
    expect(instantWords('2026-08-25T06:22:26.214Z')).toBe('2026-08-25 06:22:26 UTC');
    expect(instantWords('2026-12-31T23:30:00-01:00')).toBe('2027-01-01 00:30 UTC');
    // Not an instant: shown as given rather than as a wrong time.
    expect(instantWords('yesterday')).toBe('yesterday');
  });
});
