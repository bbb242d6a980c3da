'use client';

import { buildPath, DocumentKind, DocumentMetadata, UploadDocument } from '@writ/contracts';
import { type FormEvent, useId, useState } from 'react';
import { apiFailure } from '@/lib/api-failure';
import { words } from './request-text';

type State =
  | { kind: 'idle' }
  | { kind: 'sending'; sent: number; total: number }
  | { kind: 'done'; document: DocumentMetadata }
  | { kind: 'failed'; message: string };

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
        return resolve({ kind: 'failed', message: apiFailure(xhr.status, body).message });
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

export function DocumentUpload({
  requestId,
  csrfToken,
  onUploaded,
}: {
  requestId: string;
  csrfToken: string;
  onUploaded?: (document: DocumentMetadata) => void;
}) {
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = new FormData(event.currentTarget);
    const file = input.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setState({ kind: 'failed', message: 'Choose a file first (a PDF or image of the order, or a letter).' });
      return;
    }
    const form = new FormData();
    form.append('kind', String(input.get('kind')));
    form.append('file', file, file.name);
    setState({ kind: 'sending', sent: 0, total: file.size });
    const result = await upload(requestId, form, csrfToken, (sent, total) =>
      setState({ kind: 'sending', sent, total }),
    );
    setState(result);
    if (result.kind === 'done') onUploaded?.(result.document);
  }

  const sending = state.kind === 'sending';
  return (
    <form onSubmit={submit} aria-label="Attach a document" data-testid="document-upload">
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind of document</label>
          <select id={`${id}-kind`} name="kind" defaultValue="ORDER">
            {DocumentKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {words(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>File</label>
          <input id={`${id}-file`} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt" />
        </div>
      </div>
      <p className="field-help">PDF, PNG, JPEG or TIFF; plain text only for correspondence. At most 25 MB.</p>
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
