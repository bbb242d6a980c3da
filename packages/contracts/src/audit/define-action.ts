import { z } from 'zod';

/**
 * One audit action: what it records, about which kind of subject, which details its public leaf shows, and which
 * personal identifiers it carries (published only as salted commitments). Leaves are public forever, so this
 * declaration is an API: a field added here is a field published.
 */
export interface AuditActionSpec<
  S extends string = string,
  D extends z.ZodType = z.ZodType,
  P extends z.ZodType<Record<string, string>> = z.ZodType<Record<string, string>>,
> {
  subject: S;
  summary: string;
  /** The public details, as they appear in the leaf. Strict: an undeclared field is refused at run time. */
  details: D;
  /** The personal identifiers, committed to in the leaf and opened only in the auditor's copy. */
  personal: P;
}

export const NoDetails = z.strictObject({});
export const NoPersonal = z.strictObject({});

export function defineAction<
  const S extends string,
  D extends z.ZodType = typeof NoDetails,
  P extends z.ZodType<Record<string, string>> = typeof NoPersonal,
>(spec: { subject: S; summary: string; details?: D; personal?: P }): AuditActionSpec<S, D, P> {
  return {
    subject: spec.subject,
    summary: spec.summary,
    details: (spec.details ?? NoDetails) as D,
    personal: (spec.personal ?? NoPersonal) as P,
  };
}

// Field shapes that recur in details.
export const Id = z.string().min(1);
export const Iso = z.iso.datetime({ offset: true });
export const Change = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value });
/** A free-text value someone typed: it may name a person, so it is only ever personal. */
export const Text = z.string();
