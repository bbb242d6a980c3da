'use client';

/** Only when the page frame itself (the root layout) fails: then it has to bring its own html and body. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Writ could not show this page</h1>
          <p role="alert">
            Something went wrong on our side. Try again in a moment; if it keeps happening, tell the administrator
            {error.digest ? ` and quote ${error.digest}` : ''}.
          </p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
