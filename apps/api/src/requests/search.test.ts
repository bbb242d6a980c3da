import { queryTokens, referenceQuery, searchTokens } from './search.js';

describe('request search tokens', () => {
  const tokens = new Set(searchTokens('WR-2026-000042', '2 BvR 1234/21'));

  it('holds every prefix of every word, and the reference number without its zeros', () => {
    for (const token of ['w', 'wr', '2026', '0000', '000042', '4', '42', 'bvr', 'bv', '1234', '21', '2'])
      expect(tokens.has(token)).toBe(true);
    expect(tokens.has('vr')).toBe(false);
    expect(tokens.has('wr-2026')).toBe(false);
  });

  it('finds a request when every query word is among its tokens', () => {
    const matches = (q: string) => queryTokens(q).every((token) => tokens.has(token));
    expect(matches('BvR 1234/21')).toBe(true);
    expect(matches('bvr 12')).toBe(true);
    expect(matches('wr-2026-42')).toBe(true);
    expect(matches('bvr 99')).toBe(false);
  });

  it('cuts long words by code point, never inside a surrogate pair', () => {
    const long = `${'a'.repeat(31)}𠀀𠀀`;
    const cut = searchTokens('WR-2026-000001', long).sort((a, b) => b.length - a.length)[0]!;
    expect(Array.from(cut)).toHaveLength(32);
    expect(cut.endsWith('𠀀')).toBe(true);
  });

  it('recognises a whole reference, zeros optional', () => {
    expect(referenceQuery('wr-2026-42')).toBe('WR-2026-000042');
    expect(referenceQuery(' WR 2026 000042 ')).toBe('WR-2026-000042');
    expect(referenceQuery('2026-42')).toBeNull();
  });
});
