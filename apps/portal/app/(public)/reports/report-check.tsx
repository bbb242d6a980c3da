'use client';

import { useEffect, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { KeySource } from '@/components/key-source';
import type { ReportOutcome, ReportToCheck } from './verify-report';

/**
 * Shows the in-browser check of the report (verify-report.ts). The checking code is fetched after the page has
 * rendered and hydrated, not with it: the page reads the same without it, and a phone gets to the figures first.
 */
export function ReportCheck({ period, version, logIndex, downloadUrl }: ReportToCheck) {
  const [outcome, setOutcome] = useState<ReportOutcome | { kind: 'checking' }>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    setOutcome({ kind: 'checking' });
    import('./verify-report')
      .then(({ verifyReport }) => verifyReport({ period, version, logIndex, downloadUrl }, controller.signal))
      .then(
        (result) => !controller.signal.aborted && setOutcome(result),
        (e: unknown) =>
          !controller.signal.aborted &&
          setOutcome({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) }),
      );
    return () => controller.abort();
  }, [period, version, logIndex, downloadUrl]);

  switch (outcome.kind) {
    case 'checking':
      return <CheckResult tone="pending" title="Checking this report in your browser…" testId="report-check" />;
    case 'no-key':
      return (
        <CheckResult tone="warn" title="Not checked: no log key to check against" testId="report-check">
          <p className="small">{outcome.message}</p>
        </CheckResult>
      );
    case 'verified':
      return (
        <CheckResult tone="ok" title="Verified" testId="report-check">
          <p className="small">
            Your browser downloaded report.json (SHA-256 <code className="hash">{outcome.sha256}</code>), found that
            hash in the log&apos;s <code>report.published</code> event #{logIndex}, and proved that event is in the log
            of size {outcome.checkpoint.size.toLocaleString('en-GB')} signed by <code>{outcome.checkpoint.origin}</code>
            : <KeySource source={outcome.source} />.
          </p>
        </CheckResult>
      );
    case 'failed':
      return (
        <CheckResult tone="bad" title={outcome.title} testId="report-check">
          <p className="small">{outcome.reason}.</p>
        </CheckResult>
      );
    case 'unchecked':
      return (
        <CheckResult tone="warn" title="Not checked" testId="report-check">
          <p className="small">{outcome.reason}</p>
        </CheckResult>
      );
  }
}
