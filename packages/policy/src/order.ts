import { AuthorityKind, AuthorityStatus, CountryCode, LegalProcess, RequestType } from '@writ/contracts';
import { z } from 'zod';
import { Instant } from './instant.js';
import { Selector } from './selector.js';

/** Hex SHA-256 of the order document, as hashed at intake (docs/POLICY.md, "Verification"). */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
export type Sha256Hex = z.infer<typeof Sha256Hex>;

/** The issuing authority as the registry knows it, not as the order describes itself. */
export const IssuingAuthority = z.strictObject({
  id: z.string().min(1).max(128),
  kind: AuthorityKind,
  status: AuthorityStatus,
  country: CountryCode,
  /** The registry's jurisdiction id for the court (e.g. "DE-BY"); null when the registry has none. */
  jurisdiction: z.string().min(1).max(128).nullable(),
});
export type IssuingAuthority = z.infer<typeof IssuingAuthority>;

/**
 * One legal demand as the engine needs it. Every key is required so that a caller who forgets one gets
 * INVALID_INPUT instead of a silent default; the fields an order may legitimately lack are `null`, and their
 * absence is a rule of its own (ORDER_MISSING_*), so staff see what to ask the authority for.
 */
export const Order = z.strictObject({
  requestType: RequestType,
  legalProcess: LegalProcess,
  /** null: the authority named on the order is not in the registry (docs/POLICY.md rule 1). */
  issuingAuthority: IssuingAuthority.nullable(),
  caseNumber: z.string().max(256).nullable(),
  legalBasis: z.string().max(4096).nullable(),
  statementOfReasons: z.string().max(65_536).nullable(),
  /** docs/POLICY.md, "Verification": the statement of reasons may be absent for criminal investigations only. */
  criminalInvestigation: z.boolean(),
  issuedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
  withdrawnAt: Instant.nullable(),
  /** SHA-256 of the order document; signature evidence only counts for this exact document. */
  documentSha256: Sha256Hex.nullable(),
  /** The identifiers written in the order itself. */
  namedTargets: z.array(Selector).max(1000),
});
export type Order = z.infer<typeof Order>;
