import {
  type AuthorityKind,
  DATA_CATEGORY_WORDS,
  type DataCategory,
  type LegalProcess,
  type SelectorType,
} from '@writ/contracts';
import { instantMillis } from './instant.js';

// The words a reason's sentence uses for the engine's values. Reasons are read by the clerk deciding and by
// auditors, next to the stable code, so they name things as people say them: no enum names, no ids, no
// milliseconds. (The codes are what reports count and tests compare.)

export const LEGAL_PROCESS_WORDS: Readonly<Record<LegalProcess, string>> = {
  COURT_ORDER: 'a court order',
  WARRANT: 'a warrant',
  SUBPOENA: 'a subpoena',
  ADMINISTRATIVE_ORDER: 'an administrative order',
  LETTER: 'a letter',
  OTHER: 'an unclassified legal process',
};

export const SELECTOR_WORDS: Readonly<Record<SelectorType, string>> = {
  ACCOUNT_ID: 'account id',
  USERNAME: 'username',
  PHONE_NUMBER: 'phone number',
};

/** A data category inside a sentence: "photos, videos and other media" (DATA_CATEGORY_WORDS, lower-cased). */
export function categoryWords(category: DataCategory): string {
  const words = DATA_CATEGORY_WORDS[category];
  // Keep the capitals of an abbreviation ("IP addresses").
  return /^[A-Z]{2}/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

export const AUTHORITY_KIND_WORDS: Readonly<Record<AuthorityKind, string>> = {
  COURT: 'a court',
  PROSECUTOR: 'a prosecutor',
  POLICE: 'a police authority',
  ADMINISTRATIVE: 'an administrative authority',
  OTHER: 'another kind of authority',
};

/**
 * An instant as people read it, in UTC whatever offset it was given with: `2026-08-25 06:22 UTC`, with seconds
 * only when there are some (milliseconds never).
 */
export function instantWords(value: string): string {
  const millis = instantMillis(value);
  if (Number.isNaN(millis)) return value;
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, iso.slice(17, 19) === '00' ? 16 : 19)} UTC`;
}
