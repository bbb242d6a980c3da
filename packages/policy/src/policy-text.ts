/**
 * The human-readable policy, published on GET /policy and hashed with its parameters. Changing a single character
 * here changes the policy hash stored with every later decision, which is the point: the public can see which
 * rules were in force. Bump POLICY_VERSION with any change to this text or to the rules that implement it.
 */
export const POLICY_VERSION = '1.0.0';

export const POLICY_TEXT = `# Writ disclosure policy

Writ discloses **only IP addresses and phone numbers, only of suspects named in a verified court order, and
never message content.** Every decision is made per (order, target, category) by a pure, deterministic engine.
It is either RELEASE or DENY, always lists the rules behind it with a stable reason code, and records the
SHA-256 of this document (text and parameters) so anyone can check which rules were in force.

## What can be released

- IP_ADDRESS: the IP addresses (with timestamps) from which a named account connected, inside the order's window.
- PHONE_NUMBER: the phone number registered to a named account.

Message content, contacts, media and location are never disclosed (CONTENT_NEVER_DISCLOSED). Every other
category, known or not, is not releasable (CATEGORY_NOT_RELEASABLE). No role, flag or parameter changes this.

## Conditions, all of which must hold

1. **A court order.** The request is a records request (not a preservation request: NOT_A_DISCLOSURE_REQUEST),
   its legal process is a court order or a judge's warrant, and it is not an emergency request or informal
   inquiry (NOT_A_COURT_ORDER). The issuing authority is in the authority registry (AUTHORITY_NOT_REGISTERED)
   with kind COURT (AUTHORITY_NOT_A_COURT).
2. **Verified.** At least one strong piece of evidence establishes authenticity, and a second staff member who
   did not record it confirmed it (VERIFICATION_NOT_CONFIRMED, FOUR_EYES_VIOLATION; otherwise ORDER_NOT_VERIFIED).
   Strong evidence is either a detached signature over the order document that verifies against a key or
   certificate registered for that court (SIGNATURE_UNREGISTERED_KEY, SIGNATURE_BAD,
   SIGNATURE_CERTIFICATE_EXPIRED, SIGNATURE_MALFORMED), or a confirmation by the court through a contact channel
   taken from the registry, never from the order (OUT_OF_BAND_NOT_CONFIRMED,
   OUT_OF_BAND_CHANNEL_NOT_FROM_REGISTRY). Evidence counts only for the order's own court and document
   (EVIDENCE_FOR_OTHER_AUTHORITY, EVIDENCE_FOR_OTHER_DOCUMENT). Evidence of forgery blocks release whatever
   else was recorded: a signature that does not match the document (SIGNATURE_BAD) or a court that says it did
   not issue the order (ORDER_REPUDIATED_BY_AUTHORITY).
3. **Complete and in force.** The order states its legal basis (ORDER_MISSING_LEGAL_BASIS), case number
   (ORDER_MISSING_CASE_NUMBER), date of issue (ORDER_MISSING_ISSUE_DATE), the targets it names
   (ORDER_MISSING_NAMED_TARGETS), and a statement of reasons unless it is a criminal investigation
   (ORDER_MISSING_STATEMENT_OF_REASONS). It is not dated in the future (ORDER_FUTURE_DATED), not expired
   (ORDER_EXPIRED), not withdrawn (ORDER_WITHDRAWN); the court is not suspended in the registry
   (AUTHORITY_SUSPENDED) and its country or jurisdiction is one the platform accepts
   (JURISDICTION_NOT_ACCEPTED; see acceptedCountries and acceptedJurisdictions).
4. **A named suspect.** The account identifier is written in the order (TARGET_NOT_NAMED) and the order
   designates the person as a suspect, not a victim, a witness or unspecified (TARGET_IS_VICTIM,
   TARGET_IS_WITNESS, TARGET_ROLE_UNSPECIFIED).
5. **A bounded window.** For IP addresses the order states a start and an end (WINDOW_UNBOUNDED), the end is
   after the start (WINDOW_INVERTED), and the window is at most maxWindowDays long (WINDOW_TOO_LONG). Only
   connections inside it are released.

Anything the engine cannot read (a missing field, an unknown process type or category) is denied
(INVALID_INPUT). A denial lists every rule that fired, not just the first. A release carries ALL_CONDITIONS_MET.
`;
