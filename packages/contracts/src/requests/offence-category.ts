import { z } from 'zod';

/**
 * The offence a request is about, as a closed list: the statement categories of the EU DSA transparency template
 * (Annex I, "STATEMENT_CATEGORY_<name>"), so the DSA export can break orders down by category. The request's free
 * text (`offenceCategory`) stays beside it for the detail; NOT_SPECIFIED_ORDER is for an order that names none.
 */
export const OffenceCategoryCode = z.enum([
  'ANIMAL_WELFARE',
  'CONSUMER_INFORMATION',
  'CYBER_VIOLENCE',
  'CYBER_VIOLENCE_AGAINST_WOMEN',
  'DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'ILLEGAL_OR_HARMFUL_SPEECH',
  'INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'NOT_SPECIFIED_ORDER',
  'PROTECTION_OF_MINORS',
  'RISK_FOR_PUBLIC_SECURITY',
  'SCAMS_AND_FRAUD',
  'SELF_HARM',
  'UNSAFE_AND_PROHIBITED_PRODUCTS',
  'VIOLENCE',
]);
export type OffenceCategoryCode = z.infer<typeof OffenceCategoryCode>;

/** The DSA template's name for a category. */
export function dsaStatementCategory(code: OffenceCategoryCode): string {
  return `STATEMENT_CATEGORY_${code}`;
}
