import fc from 'fast-check';
import { indexQuery, matchesWords, prefixQuery, queryWords, referenceQuery, searchWords } from './search.js';

describe('request search words', () => {
  const stored = searchWords('WR-2026-000042', {
    caseNumber: '2 BvR 1234/21',
    legalBasis: '§ 100g StPO',
    statementOfReasons: 'Verdacht des Drogenhandels (Straße, München).',
    offenceCategory: 'Drugs trafficking',
  });
  const matches = (q: string) => matchesWords(stored, queryWords(q));

  it('holds every word of the reference, the case number and the free text, and numbers without zeros', () => {
    for (const word of ['wr', '2026', '000042', '42', 'bvr', '1234', '21', '2', '100g', 'stpo', 'drogenhandels'])
      expect(stored).toContain(word);
    expect(stored).toContain('straße');
    expect(stored).toContain('münchen');
    expect(stored).not.toContain('wr-2026');
    expect(new Set(stored).size).toBe(stored.length);
    expect(new Set(searchWords('WR-2026-000001', { caseNumber: '000 / 00' }))).toEqual(
      new Set(['w', 'wr', '2', '20', '202', '2026', '0', '00', '000', '000001', '1']),
    );
  });

  it('finds a request when every query word begins one of its words', () => {
    expect(matches('BvR 1234/21')).toBe(true);
    expect(matches('bvr 12')).toBe(true);
    expect(matches('wr-2026-42')).toBe(true);
    expect(matches('drug traffick')).toBe(true);
    expect(matches('MÜNCHEN stpo')).toBe(true);
    expect(matches('bvr 99')).toBe(false);
    expect(matches('vr')).toBe(false); // a word's middle is not a beginning
  });

  it('stores the first one to three characters of each word, which the index is asked for as whole lexemes', () => {
    for (const prefix of ['d', 'dr', 'dro', 'mün', 'st', 'str']) expect(stored).toContain(prefix);
    expect(stored).not.toContain('drog'); // longer prefixes are matched on the row, not stored
    expect(indexQuery(queryWords('Drogenhandel 12 bv 𠀀𠀀𠀀𠀀x'))).toBe("'dro' & '12' & 'bv' & '𠀀𠀀𠀀'");
    expect(indexQuery(queryWords('drug drogen'))).toBe("'dru' & 'dro'");
    expect(indexQuery(queryWords('münchen münster'))).toBe("'mün'");
  });

  it('cuts long words by code point, never inside a surrogate pair', () => {
    const long = `${'a'.repeat(31)}𠀀𠀀`;
    const word = searchWords('WR-2026-000001', { statementOfReasons: long }).sort((a, b) => b.length - a.length)[0]!;
    expect(Array.from(word)).toHaveLength(32);
    expect(word.endsWith('𠀀')).toBe(true);
    expect(matchesWords([word], queryWords(long))).toBe(true);
  });

  it('turns any q into a prefix query of letters and digits only, or none', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (q) => {
        const words = queryWords(q);
        expect(words.length).toBeLessThanOrEqual(8);
        for (const word of words) expect(word).toMatch(/^[\p{L}\p{N}]{1,32}$/u);
        const query = prefixQuery(words);
        if (words.length === 0) expect(query).toBe('');
        else expect(query.split(' & ')).toEqual(words.map((word) => `'${word}':*`));
      }),
    );
  });

  it('finds any stored text by any of its own words, cut to a prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), fc.nat(), (text, pick) => {
        const own = searchWords('WR-2026-000001', { statementOfReasons: text });
        expect(own).not.toContain('');
        const words = queryWords(text);
        fc.pre(words.length > 0);
        const word = words[pick % words.length]!;
        const prefix = Array.from(word)
          .slice(0, 1 + (pick % Array.from(word).length))
          .join('');
        expect(matchesWords(own, [prefix])).toBe(true);
        // The index is asked for lexemes this request stores: it is never what leaves a match out.
        for (const lexeme of indexQuery([prefix]).split(' & ')) expect(own).toContain(lexeme.slice(1, -1));
      }),
    );
  });

  it('recognises a whole reference, zeros optional', () => {
    expect(referenceQuery('wr-2026-42')).toBe('WR-2026-000042');
    expect(referenceQuery(' WR 2026 000042 ')).toBe('WR-2026-000042');
    expect(referenceQuery('2026-42')).toBeNull();
  });
});
