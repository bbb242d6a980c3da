import { verifyReport, type ReportCheckRequest, type ReportOutcome } from './verify-report';

/**
 * The report check's thread. Hashing the report, reading the proof's JSON with zod and checking an Ed25519
 * signature take a phone a few hundred milliseconds of CPU; here they do not hold up scrolling or taps. One request
 * per worker: the page posts it once and terminates the worker when the answer (or the page) goes.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ReportCheckRequest>) => void) | null;
  postMessage(outcome: ReportOutcome): void;
};

scope.onmessage = (event) => {
  verifyReport(event.data).then(
    (outcome) => scope.postMessage(outcome),
    (e: unknown) => scope.postMessage({ kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) }),
  );
};
