/** Which log key a browser check used, said plainly: a server's own copy of its key cannot vouch for the server. */
export function KeySource({ source }: { source: 'pinned' | 'server' }) {
  return source === 'pinned' ? (
    <>checked against the log key you pinned on the public audit page</>
  ) : (
    <>
      checked against the key this server hands out; for a check that does not rest on this server, pin the log key on
      the <a href="/audit">public audit page</a> (this page then uses it)
    </>
  );
}
