'use client';

import Link from '@/components/link';
import { useEffect, useRef } from 'react';

/**
 * What a page shows when rendering it failed unexpectedly (the pages word every refusal and outage they expect
 * themselves). The digest is the line to quote: the portal's log has the error under it.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the message, so a keyboard or screen-reader user hears what happened.
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        This page could not be shown
      </h1>
      <p role="alert" className="status-bad" data-testid="page-error">
        Something went wrong on our side while preparing this page. Nothing you entered was lost: anything you saved
        before is stored.
      </p>
      <p>
        Try again in a moment. If it keeps happening, tell the administrator
        {error.digest ? (
          <>
            {' '}
            and quote <code>{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <p className="actions">
        <button type="button" onClick={reset}>
          Try again
        </button>
        <Link href="/">Back to the start page</Link>
      </p>
    </>
  );
}
