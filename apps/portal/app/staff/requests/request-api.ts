// How a page on the requests screens words a failed call (lib/browser-api.ts makes the calls).

import type { ApiFailure } from '@/lib/api-failure';

/** A refusal in words a person can act on; an ended session says how to get back. */
export function refusalText(failure: ApiFailure): string {
  if (failure.status === 401) return 'Your session has ended. Reload the page and log in again to continue.';
  return failure.message;
}
