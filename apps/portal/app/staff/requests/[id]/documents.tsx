'use client';

import { buildPath, DownloadDocument, isEditable, type DocumentList, type RequestStatus } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import type { StaffResult } from '@/lib/staff-api';
import { DocumentUpload } from '../document-upload';
import { when, words } from '../request-text';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function Documents({
  requestId,
  status,
  documents,
  canUpload,
  csrfToken,
}: {
  requestId: string;
  status: RequestStatus;
  documents: StaffResult<DocumentList>;
  canUpload: boolean;
  csrfToken: string;
}) {
  const router = useRouter();
  return (
    <section className="card" aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      {!documents.ok ? (
        <p role="alert" className="status-bad">
          The documents could not be listed: {documents.message}
        </p>
      ) : documents.data.items.length === 0 ? (
        <p data-testid="no-documents">No documents attached yet.</p>
      ) : (
        <ul className="change-list" data-testid="documents-list">
          {documents.data.items.map((document) => (
            <li key={document.id} data-testid="document">
              <a href={`/api${buildPath(DownloadDocument.path, { id: document.id })}`} download={document.filename}>
                {document.filename}
              </a>{' '}
              <span className="muted small">
                {words(document.kind)}, {document.mediaType}, {size(document.size)}, added {when(document.createdAt)}
                {document.signature ? `, signed (${document.signature.format})` : ''}
              </span>
              <br />
              <span className="small">SHA-256: </span>
              <span className="sha" data-testid="document-sha256">
                {document.sha256}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && isEditable(status) ? (
        <details>
          <summary>Attach a document</summary>
          <DocumentUpload
            requestId={requestId}
            csrfToken={csrfToken}
            onUploaded={() => router.refresh()}
            hasOrder={documents.ok && documents.data.items.some((document) => document.kind === 'ORDER')}
          />
        </details>
      ) : null}
    </section>
  );
}
