import type { Logger } from '@nestjs/common';

/**
 * Runs `work` every `intervalMs` (0: never) for the background workers (log integrator, idempotency sweeper):
 * a failure is logged, not thrown, and the timer never keeps the process alive by itself. Returns what stops it;
 * the worker then waits for its run in flight.
 */
export function repeatInBackground(intervalMs: number, logger: Logger, work: () => Promise<unknown>): () => void {
  if (intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => void work().catch((error: unknown) => logger.error(error)), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
