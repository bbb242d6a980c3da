import { CountryCode } from '@writ/contracts';
import { z } from 'zod';

/**
 * The operator's parameters of the policy. They are published and hashed with the policy text, so every value
 * here is something the public may see. Defaults are the strictest useful ones: no jurisdiction is accepted
 * until the operator lists it.
 */
export const PolicyConfig = z.strictObject({
  /** Courts of these countries are accepted (ISO 3166-1 alpha-2). */
  acceptedCountries: z.array(CountryCode).max(300).default([]),
  /** Courts with these registry jurisdiction ids are accepted, whatever their country. */
  acceptedJurisdictions: z.array(z.string().min(1).max(128)).max(1000).default([]),
  /** docs/POLICY.md rule 5: the longest IP-address window an order may cover. */
  maxWindowDays: z.number().int().min(1).max(3650).default(365),
});
/** What callers write: defaults may be left out (hence z.input, not z.infer). */
export type PolicyConfig = z.input<typeof PolicyConfig>;

/** The normalised parameters that are published and hashed: defaults filled in, lists sorted and de-duplicated. */
export const PolicyParameters = z.strictObject({
  acceptedCountries: z.array(CountryCode),
  acceptedJurisdictions: z.array(z.string()),
  maxWindowDays: z.number().int(),
});
export type PolicyParameters = z.infer<typeof PolicyParameters>;

export type ConfigResult = { ok: true; parameters: PolicyParameters } | { ok: false; problems: string[] };

export function parseConfig(config: unknown): ConfigResult {
  const parsed = PolicyConfig.safeParse(config);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`) };
  }
  const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    ok: true,
    parameters: {
      // Sorted so that the same set of jurisdictions always yields the same policy hash.
      acceptedCountries: sortedUnique(parsed.data.acceptedCountries),
      acceptedJurisdictions: sortedUnique(parsed.data.acceptedJurisdictions),
      maxWindowDays: parsed.data.maxWindowDays,
    },
  };
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
