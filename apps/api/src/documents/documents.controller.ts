import { Controller, Param, Req, Res, StreamableFile } from '@nestjs/common';
import {
  type DocumentList,
  type DocumentMetadata,
  type DocumentParams,
  DownloadDocument,
  DownloadDocumentSignature,
  ListRequestDocuments,
  type RequestDocumentsParams,
  UploadDocument,
} from '@writ/contracts';
import type { Request, Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { AppError, Route } from '../common/index.js';
import { DocumentUploadService } from './document-upload.service.js';
import { DocumentsService } from './documents.service.js';
import { attachment, downloadName } from './filename.js';

const SIGNATURE_TYPE = { CMS: 'application/pkcs7-signature', ED25519: 'application/octet-stream' } as const;
const SIGNATURE_EXTENSION = { CMS: 'p7s', ED25519: 'sig' } as const;

@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly uploads: DocumentUploadService,
  ) {}

  // No body pipe: the access guard has run by now and the multipart body is still unread on the socket.
  @Route(UploadDocument)
  async upload(
    @Param({ schema: UploadDocument.params }) params: RequestDocumentsParams,
    @CurrentIdentity() actor: Identity,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DocumentMetadata> {
    try {
      return await this.uploads.upload(params.id, request, actor);
    } catch (error) {
      // Refused on its declared size alone: close the connection rather than drain a body we will never use.
      // (Any other refusal drains the rest, bounded by the server's request timeout, and keeps the connection.)
      if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE' && !request.readableDidRead) {
        response.setHeader('Connection', 'close');
      }
      throw error;
    }
  }

  @Route(ListRequestDocuments)
  list(@Param({ schema: ListRequestDocuments.params }) params: RequestDocumentsParams): Promise<DocumentList> {
    return this.documents.list(params.id);
  }

  @Route(DownloadDocument)
  async content(
    @Param({ schema: DownloadDocument.params }) params: DocumentParams,
    @CurrentIdentity() actor: Identity,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.open(params.id, 'content', actor);
    protect(response);
    return new StreamableFile(stream, {
      type: document.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : document.mediaType,
      disposition: attachment(downloadName(document.filename, document.mediaType)),
      length: document.size,
    });
  }

  @Route(DownloadDocumentSignature)
  async signature(
    @Param({ schema: DownloadDocumentSignature.params }) params: DocumentParams,
    @CurrentIdentity() actor: Identity,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { document, stream } = await this.documents.open(params.id, 'signature', actor);
    const format = document.signatureFormat ?? 'CMS';
    protect(response);
    return new StreamableFile(stream, {
      type: SIGNATURE_TYPE[format],
      disposition: attachment(`${document.filename}.${SIGNATURE_EXTENSION[format]}`),
    });
  }
}

/** Downloads are evidence about people: never cached, never rendered, never sniffed into something else. */
function protect(response: Response): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
}
