import { type ApiFailure, refusalText } from '@/lib/api-failure';

/**
 * Another write reached the request between the read this page shows and the send (someone else, or this person in
 * another tab): nothing was saved, so nothing of theirs was overwritten.
 */
export const VERSION_CONFLICT_TEXT =
  'This request was changed by someone else (or in another tab) after this page was loaded, so nothing was saved: ' +
  'saving would have overwritten their change. Reload to see the request as it stands now, then make your ' +
  'correction again.';

/** A refusal of a correction in a clerk's words: what happened and what to do, never the API's addresses. */
export function correctionRefusal(failure: ApiFailure): string {
  switch (failure.code) {
    case 'VERSION_CONFLICT':
      return VERSION_CONFLICT_TEXT;
    case 'NOT_EDITABLE':
      return (
        'This request can no longer be corrected, so nothing was changed: it has moved on from review, or evidence ' +
        'verifying its order has been recorded, which fixes what the order says. If the order itself was wrong, ' +
        'reject or withdraw the request and log the corrected order as a new one.'
      );
    case 'ALREADY_EXISTS':
      return 'This request already names that identifier: nothing was added.';
    case 'CONFLICT':
      // The one refusal of removing a target besides the version: it would leave the request naming nobody.
      return 'A request must name at least one target: add the right one first, then remove this one.';
    case 'NOT_FOUND':
      // An authority that left the registry comes with its field named, and is said beside it instead.
      return 'This request, or this target, is no longer there. Reload the page to see where it stands.';
    default:
      return refusalText(failure);
  }
}
