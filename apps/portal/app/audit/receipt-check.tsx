'use client';

import {
  equalBytes,
  fromBase64,
  TlogError,
  toBase64,
  verifyConsistency,
  verifyReceipt,
  VerificationError,
  type Checkpoint,
  type NoteVerifier,
} from '@writ/tlog';
import { type FormEvent, useState } from 'react';
import { CheckResult } from '@/components/check-result';
import { fetchConsistencyProof } from '@/lib/log-client';
import { groupDigits } from '@/lib/group-digits';

interface Verified {
  checkpoint: Checkpoint;
  note: string;
}

type Result =
  | { kind: 'valid'; index: number; checkpoint: Checkpoint; link: Link }
  | { kind: 'invalid'; title: string; reason: string };

/** How the receipt's checkpoint relates to the latest one this page verified. */
type Link =
  | { kind: 'same' }
  | { kind: 'consistent'; from: number; to: number; receiptIsOlder: boolean }
  | { kind: 'fork'; reason: string }
  | { kind: 'unknown'; reason: string };

/** Receipts arrive by copy and paste: tolerate CRLF and lost or extra final newlines, nothing else. */
function normaliseReceipt(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}

/** The leaf as auditors see it (base64 of the exact bytes); raw JSON is accepted too, taken byte for byte. */
function leafBytes(text: string): Uint8Array | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'Paste the event’s leaf (base64).';
  const decoded = fromBase64(trimmed.replace(/\s+/g, ''));
  if (decoded) return decoded;
  if (trimmed.startsWith('{')) return new TextEncoder().encode(trimmed);
  return 'The leaf is neither base64 nor JSON. Paste the “leaf” value of the audit event exactly as shown.';
}

async function linkToLatest(receiptCp: Checkpoint, latest: Verified | null): Promise<Link> {
  if (!latest) return { kind: 'unknown', reason: 'no checkpoint on this page verifies with your key yet' };
  const now = latest.checkpoint;
  if (receiptCp.origin !== now.origin) {
    return { kind: 'unknown', reason: `the receipt is for log ${receiptCp.origin}, this page shows ${now.origin}` };
  }
  if (receiptCp.size === now.size) {
    return equalBytes(receiptCp.rootHash, now.rootHash)
      ? { kind: 'same' }
      : { kind: 'fork', reason: `two different roots are signed for size ${now.size}` };
  }
  // Whichever is older, a consistency proof from it to the newer one shows both are one history.
  const [older, newer] = receiptCp.size < now.size ? [receiptCp, now] : [now, receiptCp];
  try {
    const proof = await fetchConsistencyProof(older.size, newer.size);
    verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash);
    return { kind: 'consistent', from: older.size, to: newer.size, receiptIsOlder: older === receiptCp };
  } catch (e) {
    if (e instanceof VerificationError) return { kind: 'fork', reason: `${e.message} [${e.code}]` };
    return { kind: 'unknown', reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Check (d): is this event in the log? A C2SP tlog-proof@v1 receipt plus the event's leaf, verified here. */
export function ReceiptCheck({ verifiers, latest }: { verifiers: readonly NoteVerifier[]; latest: Verified | null }) {
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const receipt = String(form.get('receipt') ?? '');
    const leaf = leafBytes(String(form.get('leaf') ?? ''));
    if (receipt.trim() === '')
      return setResult({ kind: 'invalid', title: 'No receipt', reason: 'Paste a receipt first.' });
    if (typeof leaf === 'string') return setResult({ kind: 'invalid', title: 'No usable leaf', reason: leaf });
    if (verifiers.length === 0) {
      return setResult({
        kind: 'invalid',
        title: 'No key to check against',
        reason: 'Enter and pin the log’s verifier key above.',
      });
    }
    setBusy(true);
    try {
      const verified = verifyReceipt(normaliseReceipt(receipt), { data: leaf }, verifiers);
      setResult({
        kind: 'valid',
        index: verified.index,
        checkpoint: verified.checkpoint,
        link: await linkToLatest(verified.checkpoint, latest),
      });
    } catch (e) {
      if (!(e instanceof TlogError)) {
        return setResult({
          kind: 'invalid',
          title: 'The receipt could not be checked',
          reason: e instanceof Error ? e.message : String(e),
        });
      }
      const title =
        e.code === 'BAD_RECEIPT' || e.code === 'BAD_NOTE' || e.code === 'BAD_CHECKPOINT'
          ? 'Not a valid receipt'
          : e.code === 'BAD_SIGNATURE' || e.code === 'NO_TRUSTED_SIGNATURE'
            ? 'Invalid: the receipt’s checkpoint is not signed by your pinned key'
            : 'Invalid: the event is not proven to be in the log';
      setResult({ kind: 'invalid', title, reason: `${e.message} [${e.code}]` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="check-receipt">
      <h2 id="check-receipt">4. Is a particular event in the log?</h2>
      <form onSubmit={(event) => void submit(event)} aria-labelledby="check-receipt">
        <label htmlFor="receipt">Receipt (c2sp.org/tlog-proof@v1)</label>
        <textarea
          id="receipt"
          name="receipt"
          rows={8}
          spellCheck={false}
          placeholder={'c2sp.org/tlog-proof@v1\nindex 42\n…\n\nwrit.example/log\n…'}
          data-testid="receipt-input"
        />
        <label htmlFor="leaf">The event&apos;s leaf (base64, as shown to auditors)</label>
        <textarea
          id="leaf"
          name="leaf"
          rows={3}
          spellCheck={false}
          placeholder="eyJhY3Rpb24iOi…"
          data-testid="receipt-leaf"
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Verifying…' : 'Verify the receipt'}
          </button>
        </div>
      </form>
      {result ? <ReceiptResult result={result} /> : null}
      <p className="explain small">
        <strong>What this proves:</strong> that one particular event, for example the decision on a request you were
        told about, is in the log. A receipt holds the event&apos;s position, a short <em>inclusion proof</em> and a
        signed checkpoint. Your browser hashes the leaf, follows the proof up to the checkpoint&apos;s root and checks
        the checkpoint&apos;s signature with your pinned key; then it checks that this checkpoint is part of the history
        shown above. Public leaves never contain personal identifiers, only salted hashes of them.
      </p>
    </section>
  );
}

function ReceiptResult({ result }: { result: Result }) {
  if (result.kind === 'invalid') {
    return (
      <CheckResult tone="bad" title={result.title} testId="receipt-result">
        <p className="small">{result.reason}</p>
      </CheckResult>
    );
  }
  const { index, checkpoint, link } = result;
  const fork = link.kind === 'fork';
  return (
    <>
      <CheckResult tone="ok" title="Valid: the event is in the log" testId="receipt-result">
        <p className="small">
          It is entry #{groupDigits(index)} of <code>{checkpoint.origin}</code>, under the checkpoint of size{' '}
          {groupDigits(checkpoint.size)} (root <code className="hash">{toBase64(checkpoint.rootHash)}</code>) signed
          with your pinned key.
        </p>
        {link.kind === 'same' ? <p className="small">That is the latest checkpoint shown above.</p> : null}
        {link.kind === 'consistent' ? (
          <p className="small">
            {link.receiptIsOlder
              ? 'And that checkpoint is part of the history shown above'
              : 'And the checkpoint shown above is part of that history'}
            : a consistency proof from size {groupDigits(link.from)} to {groupDigits(link.to)} verifies, so both are one
            and the same log{link.receiptIsOlder ? ' and the event is still in it' : ''}.
          </p>
        ) : null}
        {link.kind === 'unknown' ? (
          <p className="small">Not compared with the latest checkpoint: {link.reason}.</p>
        ) : null}
      </CheckResult>
      {fork ? (
        <CheckResult tone="alarm" title="FORK/REWRITE DETECTED" testId="receipt-fork">
          <p>
            The receipt&apos;s signed checkpoint is not part of the history the log shows now: {link.reason}. The log
            has signed two incompatible histories; keep this receipt as evidence.
          </p>
        </CheckResult>
      ) : null}
    </>
  );
}
