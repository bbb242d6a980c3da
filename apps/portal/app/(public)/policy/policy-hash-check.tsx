'use client';

import type { PublishedPolicyResponse } from '@writ/contracts';
import { useEffect, useState } from 'react';
import { CheckResult } from '@/components/check-result';

type Props = Pick<PublishedPolicyResponse, 'document' | 'hash' | 'version' | 'text' | 'parameters'>;

type Result =
  | { state: 'pending' }
  | { state: 'verified' }
  | { state: 'hash-mismatch'; computed: string }
  | { state: 'content-mismatch'; fields: string[] }
  | { state: 'unavailable'; why: string };

/** Key-order-independent JSON, to compare the parameters shown with the ones inside the hashed document. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function check({ document, hash, version, text, parameters }: Props): Promise<Result> {
  // Web Crypto exists only in secure contexts (HTTPS, or localhost).
  if (!globalThis.crypto?.subtle) {
    return { state: 'unavailable', why: 'this browser offers Web Crypto only on HTTPS pages' };
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(document));
  const computed = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  if (computed !== hash) return { state: 'hash-mismatch', computed };

  // The hash covers `document`; the page renders `text` and `parameters`. Make sure they are the same policy.
  let parsed: { version?: unknown; text?: unknown; parameters?: unknown };
  try {
    parsed = JSON.parse(document) as typeof parsed;
  } catch {
    return { state: 'content-mismatch', fields: ['the document is not JSON'] };
  }
  const fields: string[] = [];
  if (parsed.version !== version) fields.push('version');
  if (parsed.text !== text) fields.push('text');
  if (stable(parsed.parameters) !== stable(parameters)) fields.push('parameters');
  return fields.length > 0 ? { state: 'content-mismatch', fields } : { state: 'verified' };
}

/** Recomputes the policy hash in the browser, so nobody has to take the server's word for it. */
export function PolicyHashCheck(props: Props) {
  const { document, hash, version, text, parameters } = props;
  const [result, setResult] = useState<Result>({ state: 'pending' });

  useEffect(() => {
    let cancelled = false;
    check({ document, hash, version, text, parameters }).then(
      (r) => !cancelled && setResult(r),
      (e: unknown) =>
        !cancelled && setResult({ state: 'unavailable', why: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [document, hash, version, text, parameters]);

  const download = (
    <a
      href={`data:application/json;charset=utf-8,${encodeURIComponent(document)}`}
      download={`writ-policy-${version}.json`}
    >
      Download the exact document that was hashed
    </a>
  );

  switch (result.state) {
    case 'pending':
      return <CheckResult tone="pending" title="Checking the hash in your browser…" testId="policy-hash-check" />;
    case 'verified':
      return (
        <CheckResult tone="ok" title="Hash verified in your browser" testId="policy-hash-check">
          <p className="small">
            Your browser recomputed the SHA-256 of the published policy document and got exactly this hash, and the text
            and parameters on this page are the ones inside that document.
          </p>
          <p className="small">
            {download} to check it yourself, for example with <code>sha256sum</code>.
          </p>
        </CheckResult>
      );
    case 'hash-mismatch':
      return (
        <CheckResult tone="alarm" title="HASH MISMATCH: do not rely on this policy" testId="policy-hash-check">
          <p className="small">
            The server says the policy hash is <code className="hash">{hash}</code>, but the document it sent hashes to{' '}
            <code className="hash">{result.computed}</code>. The policy shown here is not the one the server claims is
            in force.
          </p>
        </CheckResult>
      );
    case 'content-mismatch':
      return (
        <CheckResult tone="alarm" title="POLICY MISMATCH: do not rely on this page" testId="policy-hash-check">
          <p className="small">
            The hash matches the published document, but the {result.fields.join(', ')} shown on this page differ from
            what that document says.
          </p>
        </CheckResult>
      );
    case 'unavailable':
      return (
        <CheckResult tone="warn" title="The hash could not be checked here" testId="policy-hash-check">
          <p className="small">
            Not checked: {result.why}. {download} and compare its SHA-256 with the hash above.
          </p>
        </CheckResult>
      );
  }
}
