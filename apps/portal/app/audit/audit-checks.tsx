'use client';

import type { LogKeyResponse } from '@writ/contracts';
import { parseCheckpoint, parseNote, toBase64, type Checkpoint } from '@writ/tlog';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { fetchLatestCheckpoint, fetchLogKey } from '@/lib/log-client';
import { parseKeyList } from '@/lib/pinned-keys';
import { checkSignature, type SignatureResult } from '@/lib/signature';
import { forgetPinnedKeys, loadPinnedKeys, savePinnedKeys, type PinnedKeys } from '@/lib/trust-store';
import { ConsistencyCheck } from './consistency-check';
import { FullAudit } from './full-audit';
import { PinnedKeysField } from './pinned-keys-field';
import { ReceiptCheck } from './receipt-check';
import { groupDigits } from '@/lib/group-digits';

type Latest =
  | { state: 'loading' }
  | { state: 'empty'; fetchedAt: Date }
  | { state: 'ready'; note: string; fetchedAt: Date }
  | { state: 'error'; message: string };

type ServerKeys = { state: 'loading' } | { state: 'ok'; value: LogKeyResponse } | { state: 'error'; message: string };

function FetchedAt({ at }: { at: Date }) {
  return (
    <time dateTime={at.toISOString()} data-testid="checkpoint-fetched-at">
      {at.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' })}
    </time>
  );
}

/**
 * The audit page's checks. Everything is fetched by the browser through /api and verified here with @writ/tlog
 * against the keys the visitor pinned, so the server's word is never what makes a check pass.
 */
export function AuditChecks() {
  const [latest, setLatest] = useState<Latest>({ state: 'loading' });
  const [serverKeys, setServerKeys] = useState<ServerKeys>({ state: 'loading' });
  const [keysText, setKeysText] = useState('');
  const [pinned, setPinned] = useState<PinnedKeys | null>(null);
  // No verdict before the key field is filled (from storage or the server's copy): an empty field is not a failure.
  const [keysReady, setKeysReady] = useState(false);
  const [refreshing, setRefreshing] = useState(false);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      const note = await fetchLatestCheckpoint();
      const fetchedAt = new Date();
      setLatest(note === null ? { state: 'empty', fetchedAt } : { state: 'ready', note, fetchedAt });
    } catch (e) {
      setLatest({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setRefreshing(false);
    }
  }, []);

  useEffect(() => {
    // localStorage is only readable here, after hydration, so the server and first client render agree.
    const stored = loadPinnedKeys();
    if (stored) {
      setPinned(stored);
      setKeysText(stored.text);
      setKeysReady(true);
    }
    fetchLogKey().then(
      (value) => {
        setServerKeys({ state: 'ok', value });
        // Pre-fill with the server's copy only if the visitor has pinned nothing and typed nothing.
        if (!stored) setKeysText((text) => (text === '' ? value.keys.join('\n') : text));
        setKeysReady(true);
      },
      (e: unknown) => {
        setServerKeys({ state: 'error', message: e instanceof Error ? e.message : String(e) });
        setKeysReady(true);
      },
    );
    void refresh();
  }, [refresh]);

  const keyList = useMemo(() => parseKeyList(keysText), [keysText]);
  const note = latest.state === 'ready' ? latest.note : null;
  const signature = useMemo(
    () => (note === null || !keysReady ? null : checkSignature(note, keyList.verifiers)),
    [note, keyList, keysReady],
  );
  const verified = signature?.ok ? { checkpoint: signature.checkpoint, note: note! } : null;
  // Why checks 2 and 3 have nothing to work on, in the visitor's terms.
  const waiting =
    latest.state === 'loading'
      ? 'Fetching the latest checkpoint…'
      : latest.state === 'empty'
        ? 'Nothing to check yet: the log has no checkpoint.'
        : latest.state === 'error'
          ? 'Nothing could be checked: the log cannot be reached.'
          : !keysReady
            ? 'Waiting for the log key…'
            : 'Needs a checkpoint whose signature verifies with your pinned key (check 1).';

  function editKeys(text: string): void {
    setKeysText(text);
    setPinned(savePinnedKeys(text));
  }
  function pin(): void {
    setPinned(savePinnedKeys(keysText));
  }
  function restoreServerCopy(): void {
    forgetPinnedKeys();
    setPinned(null);
    if (serverKeys.state === 'ok') setKeysText(serverKeys.value.keys.join('\n'));
  }

  return (
    <>
      <section className="card" aria-labelledby="latest-checkpoint" aria-busy={latest.state === 'loading'}>
        <h2 id="latest-checkpoint">Latest checkpoint</h2>
        <LatestCheckpoint
          latest={latest}
          signature={signature}
          keyPinned={pinned !== null && pinned.text === keysText}
        />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Fetching…' : 'Fetch the latest checkpoint'}
          </button>
        </div>
      </section>

      <PinnedKeysField
        text={keysText}
        pinned={pinned}
        serverKeys={serverKeys.state === 'ok' ? serverKeys.value : null}
        serverKeysError={serverKeys.state === 'error' ? serverKeys.message : null}
        problems={keyList.problems}
        onEdit={editKeys}
        onPin={pin}
        onUseServerCopy={restoreServerCopy}
      />

      <SignatureCheck signature={signature} waiting={waiting} keyPinned={pinned !== null && pinned.text === keysText} />
      <ConsistencyCheck verified={verified} waiting={waiting} />
      <FullAudit verified={verified} waiting={waiting} />
      <ReceiptCheck verifiers={keyList.verifiers} latest={verified} />
    </>
  );
}

function SignatureCheck({
  signature,
  waiting,
  keyPinned,
}: {
  signature: SignatureResult | null;
  waiting: string;
  /** Whether the key checked with is the one the visitor pinned, not the server's unpinned copy. */
  keyPinned: boolean;
}) {
  return (
    <section className="card" aria-labelledby="check-signature">
      <h2 id="check-signature">1. Is the checkpoint really signed by the log?</h2>
      {signature === null ? (
        <p className="muted" data-testid="signature-waiting">
          {waiting}
        </p>
      ) : signature.ok ? (
        <CheckResult
          tone="ok"
          // Only a key the visitor pinned makes this a check against the server; the server's own copy proves only
          // that the server signed what it serves.
          title={
            keyPinned
              ? 'Signature verified with your pinned key'
              : "Signature verified with the server's copy of the key, which you have not pinned"
          }
          testId="signature-check"
        >
          <p className="small">
            Signed by <code className="mono">{signature.signedBy.join(', ')}</code>
            {signature.otherSignatures > 0
              ? `, plus ${signature.otherSignatures} signature(s) by keys you have not pinned (ignored).`
              : '.'}
          </p>
        </CheckResult>
      ) : (
        <CheckResult tone="bad" title="Signature NOT verified" testId="signature-check">
          <p className="small" data-testid="signature-reason">
            {signature.message} <span className="muted">[{signature.code}]</span>
          </p>
          <p className="small">
            Either the key you pinned is not the log&apos;s key, or this checkpoint was not made by the log. The other
            checks need a checkpoint verified with a key you trust.
          </p>
        </CheckResult>
      )}
      <p className="explain small">
        <strong>What this proves:</strong> the checkpoint was signed with the private key that belongs to the public key
        you pinned. Only the holder of that private key can make such a signature, so neither this website&apos;s server
        nor anyone on the network can have invented or altered the checkpoint. It is only worth as much as the key: get
        it from a source other than this server and pin it.
      </p>
    </section>
  );
}

function LatestCheckpoint({
  latest,
  signature,
  keyPinned,
}: {
  latest: Latest;
  signature: SignatureResult | null;
  /** As in SignatureCheck: the server's own copy of the key proves only that the server is consistent with itself. */
  keyPinned: boolean;
}) {
  switch (latest.state) {
    case 'loading':
      return <p className="muted">Fetching the latest checkpoint…</p>;
    case 'error':
      return (
        <CheckResult tone="bad" title="The log cannot be reached right now" testId="log-unavailable">
          <p className="small">{latest.message} Nothing could be checked. Try again in a moment.</p>
        </CheckResult>
      );
    case 'empty':
      return (
        <CheckResult tone="warn" title="The log has no checkpoint yet" testId="log-empty">
          <p className="small">
            Nothing has been logged and signed so far (checked <FetchedAt at={latest.fetchedAt} />
            ). As soon as Writ records its first action, the log signs a checkpoint and it appears here. You can already
            pin the log&apos;s key below.
          </p>
        </CheckResult>
      );
    case 'ready': {
      // Show what the note says even when the signature fails: the visitor should see what was not verified.
      const cp = signature?.ok ? signature.checkpoint : parseUnverified(latest.note);
      return (
        <>
          {cp ? (
            <dl className="facts">
              <dt>Log</dt>
              <dd data-testid="checkpoint-origin">{cp.origin}</dd>
              <dt>Entries (tree size)</dt>
              <dd data-testid="checkpoint-size">{groupDigits(cp.size)}</dd>
              <dt>Root hash</dt>
              <dd>
                <code className="hash" data-testid="checkpoint-root">
                  {toBase64(cp.rootHash)}
                </code>
              </dd>
              <dt>Fetched</dt>
              <dd>
                <FetchedAt at={latest.fetchedAt} />
              </dd>
              <dt>Signature</dt>
              <dd>
                {signature?.ok ? (
                  <span className={keyPinned ? 'status-ok' : 'status-warn'} data-testid="checkpoint-signature">
                    {keyPinned
                      ? 'verified with your pinned key'
                      : "verified only with the server's copy of the key, which you have not pinned"}
                  </span>
                ) : (
                  <span className="status-bad">not verified</span>
                )}
              </dd>
            </dl>
          ) : (
            <CheckResult tone="bad" title="The server sent something that is not a checkpoint" testId="log-malformed">
              <p className="small">It cannot be read as a C2SP signed checkpoint; see the raw text below.</p>
            </CheckResult>
          )}
          <details>
            <summary>Show the signed checkpoint as published</summary>
            <pre data-testid="checkpoint-note">{latest.note}</pre>
          </details>
        </>
      );
    }
  }
}

/** Reads a checkpoint without verifying it, only to show what the server claims. */
function parseUnverified(note: string): Checkpoint | null {
  try {
    return parseCheckpoint(parseNote(note).text);
  } catch {
    return null;
  }
}
