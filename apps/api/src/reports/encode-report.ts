import type { ReportDocument } from '@writ/contracts';
import canonicalizeModule from 'canonicalize';
import { sha256Hex } from '../common/index.js';

// CommonJS with an ES default in its typings; see audit/leaf.ts.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The report's bytes: RFC 8785 JSON, so anyone re-encoding the downloaded document gets the same hash. */
export function encodeReport(document: ReportDocument): { canonical: string; sha256: string } {
  const canonical = canonicalize(document);
  if (canonical === undefined) throw new Error('report cannot be encoded');
  return { canonical, sha256: sha256Hex(canonical) };
}
