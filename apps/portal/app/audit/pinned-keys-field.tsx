'use client';

import type { LogKeyResponse } from '@writ/contracts';
import { CheckResult } from '@/components/check-result';
import { sameKeys } from '@/lib/pinned-keys';
import type { PinnedKeys } from '@/lib/trust-store';

interface Props {
  text: string;
  pinned: PinnedKeys | null;
  serverKeys: LogKeyResponse | null;
  serverKeysError: string | null;
  problems: string[];
  onEdit: (text: string) => void;
  onPin: () => void;
  onUseServerCopy: () => void;
}

/** The verifier key(s) every check uses. The server's copy is a convenience; the visitor's pinned copy is the trust. */
export function PinnedKeysField({
  text,
  pinned,
  serverKeys,
  serverKeysError,
  problems,
  onEdit,
  onPin,
  onUseServerCopy,
}: Props) {
  const serverText = serverKeys?.keys.join('\n') ?? null;
  const isPinned = pinned !== null && pinned.text === text;
  const differsFromServer = serverText !== null && text.trim() !== '' && !sameKeys(text, serverText);

  return (
    <section className="card" aria-labelledby="pinned-key-heading">
      <h2 id="pinned-key-heading">The log key you trust</h2>
      <label htmlFor="pinned-keys">Log verifier key (one per line)</label>
      <p className="pin-note" id="pinned-keys-note">
        <span aria-hidden="true">⚠ </span>Pin this; don&apos;t trust the server&apos;s copy.
      </p>
      <p className="field-help" id="pinned-keys-help">
        The field is pre-filled with the key this server publishes, which is only as trustworthy as the server itself.
        Compare it with a copy from somewhere else (the platform&apos;s published documentation, an independent auditor,
        a journalist), then pin it: this browser keeps it in local storage and uses it for every check.
      </p>
      <textarea
        id="pinned-keys"
        aria-describedby="pinned-keys-note pinned-keys-help pinned-keys-status"
        rows={2}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={text}
        onChange={(event) => onEdit(event.target.value)}
        data-testid="pinned-keys"
      />
      <p id="pinned-keys-status" className="small" data-testid="pinned-keys-status">
        {isPinned ? (
          <span className="status-ok">
            Pinned in this browser since {new Date(pinned.pinnedAt).toLocaleString('en-GB')}.
          </span>
        ) : (
          <span className="status-bad">Not pinned yet: this is the server&apos;s copy.</span>
        )}
      </p>
      {problems.length > 0 ? (
        <CheckResult tone="bad" title="Not a valid verifier key" testId="pinned-keys-problems">
          <ul className="small">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <p className="small">
            A verifier key looks like <code className="mono">name+1a2b3c4d+AT…</code> (C2SP signed-note format).
          </p>
        </CheckResult>
      ) : null}
      {isPinned && differsFromServer ? (
        <CheckResult
          tone="warn"
          title="The server now publishes a different key than the one you pinned"
          testId="pinned-keys-differ"
        >
          <p className="small">
            That can be a planned key rotation, or someone trying to make you trust their key. Checks keep using your
            pinned key. The server publishes: <code className="mono">{serverText}</code>
          </p>
        </CheckResult>
      ) : null}
      {serverKeysError ? (
        <p className="small muted">The server&apos;s copy could not be fetched: {serverKeysError}</p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onPin} disabled={isPinned || text.trim() === ''}>
          Pin this key
        </button>
        <button
          type="button"
          className="secondary"
          onClick={onUseServerCopy}
          disabled={serverText === null || (!pinned && text === serverText)}
        >
          Use the server&apos;s copy
        </button>
      </div>
    </section>
  );
}
