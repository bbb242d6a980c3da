import { CountryCode } from '@writ/contracts';
import { AppError } from '../common/index.js';

// Codes people type that ISO 3166-1 does not assign (UK and EL are reserved for other uses).
const HINTS: Record<string, string> = {
  UK: 'the United Kingdom is "GB"',
  EL: 'Greece is "GR"',
  EU: 'name a member state',
};

/** The contract checks the shape; this checks the code is one ISO 3166-1 actually assigned. */
export function assignedCountry(code: string): string {
  if (CountryCode.safeParse(code).success) return code;
  const hint = HINTS[code] ? ` (${HINTS[code]})` : '';
  throw new AppError('UNKNOWN_COUNTRY', `country: "${code}" is not an assigned ISO 3166-1 alpha-2 code${hint}.`, {
    issues: [{ path: ['country'], message: 'is not an assigned ISO 3166-1 alpha-2 country code' }],
  });
}
