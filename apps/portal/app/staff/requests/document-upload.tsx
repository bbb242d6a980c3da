'use client';

import { buildPath, DocumentKind, DocumentMetadata, type SignatureFormat, UploadDocument } from '@writ/contracts';
import { type FormEvent, useId, useState } from 'react';
import { apiFailure, refusalText } from '@/lib/api-failure';
import { csrfFor, renewCsrfToken } from '@/lib/browser-api';
import { words } from './request-text';

type State =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'done'; document: DocumentMetadata }
  | { kind: 'failed'; message: string; code?: string };

/**
 * XMLHttpRequest rather than fetch: only it reports upload progress, and a 25 MB scan over a slow line should
 * show that it is moving. The text fields go before the file: the API checks the file against them as it streams.
 */
function upload(
  requestId: string,
  form: FormData,
  csrfToken: string,
  onProgress: (sent: number, total: number) => void,
): Promise<State> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${buildPath(UploadDocument.path, { id: requestId })}`);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onerror = () =>
      resolve({ kind: 'failed', message: 'The upload was cut off. Check the connection and try again.' });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: judged by the status alone
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const refused = apiFailure(xhr.status, body);
        return resolve({ kind: 'failed', message: refusalText(refused), code: refused.code });
      }
      const parsed = DocumentMetadata.safeParse(body);
      resolve(
        parsed.success
          ? { kind: 'done', document: parsed.data }
          : { kind: 'failed', message: 'The API stored something but answered unexpectedly. Reload to see it.' },
      );
    };
    xhr.send(form);
  });
}

/**
 * A detached signature's format, told by its bytes so that a clerk need not know the names: an Ed25519 signature is
 * exactly 64 bytes; a CMS signature (.p7s) is DER, which begins with a SEQUENCE (0x30) and is always far longer.
 * The API checks the signature against the registry later, in the verification panel; this only labels it.
 */
export async function signatureFormatOf(signature: Blob): Promise<SignatureFormat | null> {
  if (signature.size === 64) return 'ED25519';
  const first = new Uint8Array(await signature.slice(0, 1).arrayBuffer())[0];
  return signature.size > 64 && first === 0x30 ? 'CMS' : null;
}

export function DocumentUpload({
  requestId,
  csrfToken,
  onUploaded,
  hasOrder = false,
}: {
  requestId: string;
  csrfToken: string;
  onUploaded?: (document: DocumentMetadata) => void;
  /** The request already has a document of kind ORDER. */
  hasOrder?: boolean;
}) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  // A second ORDER leaves no one document as the order, and then no signature check can count (which bytes did
  // the court sign?): once there is one, what comes next is supporting unless the clerk says otherwise, and warned.
  const [orderAttached, setOrderAttached] = useState(hasOrder);
  const [kind, setKind] = useState<DocumentKind>(hasOrder ? 'SUPPORTING' : 'ORDER');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const input = new FormData(formElement);
    const file = input.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setState({ kind: 'failed', message: 'Choose a file first (a PDF or image of the order, or a letter).' });
      return;
    }
    const signature = input.get('signature');
    const signed = signature instanceof File && signature.size > 0 ? signature : null;
    const format = signed ? await signatureFormatOf(signed) : null;
    if (signed && !format) {
      setState({
        kind: 'failed',
        message:
          'The signature file is neither a CMS signature (.p7s, binary DER) nor a 64-byte Ed25519 signature. ' +
          'Ask the authority for the detached signature file itself, or upload the order without it.',
      });
      return;
    }
    // Text fields first, then the file, then its signature: the API reads them in that order as they stream in.
    const form = new FormData();
    form.append('kind', String(input.get('kind')));
    if (format) form.append('signatureFormat', format);
    form.append('file', file, file.name);
    if (signed) form.append('signature', signed, signed.name);
    setState({ kind: 'sending', sent: 0, total: file.size });
    const progress = (sent: number, total: number) => setState({ kind: 'sending', sent, total });
    let result = await upload(requestId, form, csrfFor(csrfToken), progress);
    // Logged in again in another tab since this page was opened: the same upload once more, with that session's
    // token (lib/browser-api.ts says why this is safe).
    if (result.kind === 'failed' && result.code === 'CSRF_TOKEN_INVALID') {
      const current = await renewCsrfToken(csrfToken);
      if (current) result = await upload(requestId, form, current, progress);
    }
    setState(result);
    if (result.kind === 'done') {
      // The files go, so the same one is not sent twice by a second press; the kind stays as chosen or moves on.
      for (const chosen of formElement.querySelectorAll<HTMLInputElement>('input[type="file"]')) chosen.value = '';
      if (result.document.kind === 'ORDER') {
        setOrderAttached(true);
        setKind('SUPPORTING');
      }
      onUploaded?.(result.document);
    }
  }

  const sending = state.kind === 'sending';
  return (
    <form onSubmit={submit} aria-label="Attach a document" data-testid="document-upload">
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind of document</label>
          <select
            id={`${id}-kind`}
            name="kind"
            value={kind}
            onChange={(event) => setKind(DocumentKind.parse(event.target.value))}
            aria-describedby={orderAttached && kind === 'ORDER' ? `${id}-second-order` : undefined}
          >
            {DocumentKind.options.map((option) => (
              <option key={option} value={option}>
                {words(option)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>File</label>
          <input id={`${id}-file`} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-signature`}>Detached signature (optional)</label>
          <input id={`${id}-signature`} name="signature" type="file" aria-describedby={`${id}-signature-help`} />
        </div>
      </div>
      {orderAttached && kind === 'ORDER' ? (
        <p className="status-warn" id={`${id}-second-order`} data-testid="second-order-warning">
          This request already has its order. With two documents marked as the order, no signature check can count,
          since it is unclear which one the court signed. Choose another kind unless the court sent a new order.
        </p>
      ) : null}
      <p className="field-help">PDF, PNG, JPEG or TIFF; plain text only for correspondence. At most 25 MB.</p>
      <p className="field-help" id={`${id}-signature-help`}>
        If the court signed the order electronically, add its signature file: a CMS signature (.p7s) or a 64-byte
        Ed25519 signature. The verification panel then checks it against the court’s keys in the registry.
      </p>
      <button type="submit" disabled={sending} aria-busy={sending}>
        Upload
      </button>
      <div aria-live="polite">
        {state.kind === 'sending' ? (
          <p>
            <label htmlFor={`${id}-progress`}>Uploading…</label>
            <progress id={`${id}-progress`} data-testid="upload-progress" value={state.sent} max={state.total || 1} />
          </p>
        ) : null}
        {state.kind === 'done' ? (
          <p className="status-ok" data-testid="upload-done">
            Stored {state.document.filename}, SHA-256 <span className="sha">{state.document.sha256}</span>
            {state.document.signature
              ? `, with its ${state.document.signature.format === 'CMS' ? 'CMS' : 'Ed25519'} signature`
              : ''}
          </p>
        ) : null}
        {state.kind === 'failed' ? (
          <p role="alert" className="status-bad" data-testid="upload-error">
            {state.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
