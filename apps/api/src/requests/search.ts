// The `q` search of GET /requests: full text over what a request says, case-insensitive, two ways:
//  - q that is a whole reference, zeros optional ("WR-2026-42", "wr 2026 000042"), is looked up exactly;
//  - otherwise every word of q must begin a word of the request's reference, case number, legal basis, statement
//    of reasons or offence (as written): "bvr 12", "1234/21" and "42" all find WR-2026-000042 filed under
//    "2 BvR 1234/21"; "drug traffick" finds an order whose reasons speak of "drugs trafficking". A number is also
//    indexed without its leading zeros.
// The words are cut here, not by PostgreSQL's text search parser or a language's stemmer: requests come from
// every country and language, and the same JavaScript rule splits the stored text and the query, whatever the
// database's locale (the embedded one runs with the C locale, which knows no letter outside ASCII).
// Each request stores its words, and the first one to three characters of each (SHORT_PREFIX), as a tsvector
// (search_vector). A search is then two conditions on it (list-requests.ts):
//  - for the GIN index, the query words cut to three characters, as whole lexemes ('bvr' & '12' & 'dru'): exact
//    lookups, which GIN intersects cheaply, where a prefix query ('drug':*) would first gather every request of
//    every word beginning so, the whole cost of a search of common words;
//  - on each request the index found, the query words as prefixes ('bvr':* & '12':* & 'drug':*): the exact rule.
// No extension, dictionary or language configuration is involved.

import { formatReference } from './reference.js';

/** Longer words are indexed by their first 32 characters; a longer query word is cut the same way. */
export const MAX_WORD_LENGTH = 32;
/** Each word's first one, two and three characters are stored too, so the index is searched by whole lexemes. */
export const SHORT_PREFIX = 3;
/** More words than this in q add nothing but work. */
export const MAX_QUERY_WORDS = 8;

const WORD = /[\p{L}\p{N}]+/gu;

/** By code point, so a word never ends in half a surrogate pair (which PostgreSQL would refuse). */
const cut = (word: string, length = MAX_WORD_LENGTH) => Array.from(word).slice(0, length).join('');

/** `word` and its first one to SHORT_PREFIX characters. */
function withShortPrefixes(word: string, into: Set<string>): void {
  into.add(word);
  const chars = Array.from(word);
  for (let length = 1; length < chars.length && length <= SHORT_PREFIX; length += 1) {
    into.add(chars.slice(0, length).join(''));
  }
}

function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The free text of a request that search reads, besides its reference. */
export interface SearchableText {
  caseNumber?: string | null | undefined;
  legalBasis?: string | null | undefined;
  statementOfReasons?: string | null | undefined;
  offenceCategory?: string | null | undefined;
}

/**
 * The lexemes of `texts` as stored in request.search_vector: each word lower-cased and cut to 32 characters, each
 * number also without its leading zeros ("000042" → "42"; "000" stays "000"), and the first one to three characters
 * of each; each once, never empty.
 */
export function textWords(...texts: (string | null | undefined)[]): string[] {
  const into = new Set<string>();
  for (const text of texts) {
    for (const word of words(text ?? '')) {
      withShortPrefixes(cut(word), into);
      // "000" is a number too, but has no digits left to index once its zeros go.
      if (/^0+[1-9]/.test(word)) withShortPrefixes(cut(word.replace(/^0+/, '')), into);
    }
  }
  return [...into];
}

/** Every word of the request's free text (intake adds its reference's words in SQL: create-request.ts). */
export function freeTextWords(text: SearchableText): string[] {
  return textWords(text.caseNumber, text.legalBasis, text.statementOfReasons, text.offenceCategory);
}

/** request.search_vector's words: the reference's and the free text's. */
export function searchWords(reference: string, text: SearchableText): string[] {
  return textWords(reference, text.caseNumber, text.legalBasis, text.statementOfReasons, text.offenceCategory);
}

/** What q must match, one word each; empty when q has no letter or digit at all. */
export function queryWords(q: string): string[] {
  return [...new Set(words(q).map((word) => cut(word)))].slice(0, MAX_QUERY_WORDS);
}

// Each query word is only letters and digits, so quoting it as a lexeme needs no escape; the text is cast with
// ::tsquery, which takes lexemes as written (no parser, no dictionary).

/** The tsquery that decides a match: every query word begins a stored word. */
export function prefixQuery(queryWords: string[]): string {
  return queryWords.map((word) => `'${word}':*`).join(' & ');
}

/**
 * The tsquery the GIN index answers: every query word cut to SHORT_PREFIX characters, as a whole lexeme. Every
 * request that matches prefixQuery matches this; for words of up to three characters the two are the same.
 */
export function indexQuery(queryWords: string[]): string {
  return [...new Set(queryWords.map((word) => cut(word, SHORT_PREFIX)))].map((word) => `'${word}'`).join(' & ');
}

/** Whether a request with these stored words matches these query words: the rule the database applies. */
export function matchesWords(stored: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((word) => stored.some((candidate) => candidate.startsWith(word)));
}

const REFERENCE = /^\s*wr[\s-]*(\d{4})[\s-]*(\d{1,12})\s*$/i;

/** q that is a whole reference, with or without the leading zeros ("wr-2026-42"): looked up exactly. */
export function referenceQuery(q: string): string | null {
  const match = REFERENCE.exec(q.normalize('NFKC'));
  return match ? formatReference(Number(match[1]), BigInt(match[2]!)) : null;
}

/** The lower-cased reference and case number (request.search_text), kept for people reading the table. */
export function searchText(reference: string, caseNumber: string | null | undefined): string {
  return [reference, caseNumber].filter(Boolean).join(' ').toLowerCase();
}
