// The `q` search of GET /requests, case-insensitive, two ways:
//  - q that is a whole reference, zeros optional ("WR-2026-42", "wr 2026 000042"), is looked up exactly;
//  - otherwise every word of q must begin a word of the reference or the case number: "bvr 12", "1234/21" and
//    "42" all find WR-2026-000042 filed under "2 BvR 1234/21" (a reference number is also indexed without its
//    leading zeros).
// Each request stores every prefix of each of its words (search_tokens, a GIN-indexed text[]), so a search is one
// `search_tokens @> ARRAY[...]` index lookup at any table size, with no extension needed. pg_trgm would add infix
// matches ("34/2"), at the price of an extension that prisma/schema.prisma and the drift test would have to know.

import { formatReference } from './reference.js';

/** Longer words are indexed by their first 32 characters; a longer query word is cut the same way. */
export const MAX_TOKEN_LENGTH = 32;
/** More words than this in q add nothing but work. */
export const MAX_QUERY_WORDS = 8;

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** By code point, so a prefix never ends in half a surrogate pair (which PostgreSQL would refuse). */
function prefixes(word: string, into: Set<string>): void {
  const chars = Array.from(word).slice(0, MAX_TOKEN_LENGTH);
  let prefix = '';
  for (const char of chars) {
    prefix += char;
    into.add(prefix);
  }
}

/** Every prefix of every word of `text` (and of each number without its leading zeros: "000042" → "42"). */
export function textTokens(text: string | null | undefined, into = new Set<string>()): Set<string> {
  for (const word of words(text ?? '')) {
    prefixes(word, into);
    if (/^0+\d/.test(word)) prefixes(word.replace(/^0+/, ''), into);
  }
  return into;
}

/**
 * request.search_tokens. Intake builds the reference half in SQL, in the statement that draws the reference number
 * (create-request.ts, referenceTokensSql); requests.test.ts checks the two agree.
 */
export function searchTokens(reference: string, caseNumber: string | null | undefined): string[] {
  return [...textTokens(caseNumber, textTokens(reference))];
}

/** What q must match, one token per word; empty when q has no letter or digit at all. */
export function queryTokens(q: string): string[] {
  const unique = new Set(words(q).map((word) => Array.from(word).slice(0, MAX_TOKEN_LENGTH).join('')));
  return [...unique].slice(0, MAX_QUERY_WORDS);
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
