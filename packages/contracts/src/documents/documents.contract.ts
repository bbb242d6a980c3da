import { z } from 'zod';
import { DocumentKind, type StaffRole } from '../domain.js';
import { defineRoute } from '../route.js';

export const SignatureFormat = z.enum(['CMS', 'ED25519']);
export type SignatureFormat = z.infer<typeof SignatureFormat>;

export const DOCUMENT_UPLOADERS: readonly StaffRole[] = ['INTAKE', 'REVIEWER'];
export const DOCUMENT_READERS: readonly StaffRole[] = ['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR'];

/**
 * What an upload may be, decided from its bytes (never from the name or the client's Content-Type). Scans of
 * orders arrive as PDF or images. Plain text has no magic number, so it is accepted only for correspondence and
 * only when nothing else is recognised and the whole file is UTF-8 without NUL or other control characters
 * (tab, line breaks and form feed allowed).
 */
export const DOCUMENT_MEDIA_TYPES = {
  ORDER: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'],
  SUPPORTING: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'],
  CORRESPONDENCE: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'],
} as const satisfies Record<DocumentKind, readonly string[]>;

/** Detached signatures: CMS (.p7s, DER, as `openssl cms -sign -binary -outform DER` writes) or raw Ed25519. */
export const SIGNATURE_MAX_BYTES = 256 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The text fields of an upload. Send them before the file parts: the file is checked against them as it streams. */
export const UploadDocumentFields = z.strictObject({
  kind: DocumentKind,
  signatureFormat: SignatureFormat.optional().describe('Required with a "signature" part'),
});
export type UploadDocumentFields = z.infer<typeof UploadDocumentFields>;

export const DocumentMetadata = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  kind: DocumentKind,
  /** The uploader's file name, cleaned for display. Never used as a path. */
  filename: z.string(),
  /** Sniffed from the bytes. */
  mediaType: z.string(),
  size: z.int().nonnegative(),
  sha256: Sha256,
  signature: z.object({ format: SignatureFormat, sha256: Sha256 }).nullable(),
  uploadedById: z.uuid(),
  createdAt: z.iso.datetime(),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

export const DocumentList = z.object({ items: z.array(DocumentMetadata) });
export type DocumentList = z.infer<typeof DocumentList>;

export const RequestDocumentsParams = z.strictObject({ id: z.uuid() });
export type RequestDocumentsParams = z.infer<typeof RequestDocumentsParams>;

export const DocumentParams = z.strictObject({ id: z.uuid() });
export type DocumentParams = z.infer<typeof DocumentParams>;

const tag = 'documents';

export const UploadDocument = defineRoute({
  operationId: 'uploadDocument',
  method: 'post',
  path: '/requests/{id}/documents',
  summary: 'Attach a document (multipart/form-data) to a request that is still RECEIVED or IN_REVIEW',
  tag,
  access: { roles: DOCUMENT_UPLOADERS },
  params: RequestDocumentsParams,
  multipart: {
    fields: UploadDocumentFields,
    files: {
      file: { required: true, description: 'The document: PDF, PNG, JPEG, TIFF, or UTF-8 text for correspondence' },
      signature: {
        required: false,
        description: 'Detached signature over the file: .p7s (CMS, DER) or 64-byte Ed25519',
      },
    },
  },
  response: DocumentMetadata,
  status: 201,
  errors: ['NOT_EDITABLE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_DOCUMENT_TYPE', 'UNSUPPORTED_MEDIA_TYPE'],
});

export const ListRequestDocuments = defineRoute({
  operationId: 'listRequestDocuments',
  method: 'get',
  path: '/requests/{id}/documents',
  summary: 'Documents attached to a request (metadata only)',
  tag,
  access: { roles: DOCUMENT_READERS },
  params: RequestDocumentsParams,
  response: DocumentList,
});

export const DownloadDocument = defineRoute({
  operationId: 'downloadDocument',
  method: 'get',
  path: '/documents/{id}/content',
  summary: 'Download a document, as an attachment of its sniffed type (audited as document.read)',
  tag,
  access: { roles: DOCUMENT_READERS },
  params: DocumentParams,
  produces: 'application/octet-stream',
});

export const DownloadDocumentSignature = defineRoute({
  operationId: 'downloadDocumentSignature',
  method: 'get',
  path: '/documents/{id}/signature',
  summary: "Download a document's detached signature (audited as document.read)",
  tag,
  access: { roles: DOCUMENT_READERS },
  params: DocumentParams,
  produces: 'application/octet-stream',
});
