'use client';

import { useEffect, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { KeySource } from '@/components/key-source';
import { loadPinnedKeys } from '@/lib/trust-store';
import type { ReportCheckRequest, ReportOutcome, ReportToCheck } from './verify-report';
import { groupDigits } from '@/lib/group-digits';

type Shown = ReportOutcome | { kind: 'checking' };

/**
 * Shows the in-browser check of the report (verify-report.ts). The check runs in a Web Worker, started when the
 * browser is next idle after hydrating (2 s at most): the page reads the same without it, and the work (downloads,
 * hashing, zod, an Ed25519 signature) neither stays on the thread that scrolls and answers taps nor competes with
 * React's start for a phone's cores. A browser without workers runs it on the page, loaded only then.
 */
export function ReportCheck({ period, version, logIndex, downloadUrl }: ReportToCheck) {
  const [outcome, setOutcome] = useState<Shown>({ kind: 'checking' });

  useEffect(() => {
    let current = true;
    const show = (shown: Shown) => current && setOutcome(shown);
    const failed = (e: unknown) => show({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) });
    const request: ReportCheckRequest = {
      report: { period, version, logIndex, downloadUrl },
      // localStorage is the page's, not the worker's: the page reads the pinned keys and hands them over.
      pinnedKeys: loadPinnedKeys()?.text ?? null,
    };
    setOutcome({ kind: 'checking' });
    if (typeof Worker === 'undefined') {
      import('./verify-report').then(({ verifyReport }) => verifyReport(request)).then(show, failed);
      return () => {
        current = false;
      };
    }
    let worker: Worker | undefined;
    const start = () => {
      worker = new Worker(new URL('./report-check.worker.ts', import.meta.url));
      worker.onmessage = (event: MessageEvent<ReportOutcome>) => {
        show(event.data);
        worker?.terminate();
      };
      worker.onerror = () => failed(new Error('The check could not start in this browser. Reload to try again.'));
      worker.postMessage(request);
    };
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : undefined;
    const timer = idle === undefined ? setTimeout(start, 0) : undefined;
    return () => {
      current = false;
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
      worker?.terminate();
    };
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
            of size {groupDigits(outcome.checkpoint.size)} signed by <code>{outcome.checkpoint.origin}</code>:{' '}
            <KeySource source={outcome.source} />.
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
