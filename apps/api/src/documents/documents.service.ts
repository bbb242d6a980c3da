import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { DocumentList } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { notFound } from '../common/index.js';
import { PrismaService } from '../database/index.js';
import type { Document as DocumentRow } from '../generated/prisma/client.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../storage/index.js';
import { toMetadata } from './document-view.js';

export type DocumentPart = 'content' | 'signature';

@Injectable()
export class DocumentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Metadata only (no bytes), so listing is not a read of the documents themselves. */
  async list(requestId: string): Promise<DocumentList> {
    const request = await this.prisma.request.findUnique({ where: { id: requestId }, select: { id: true } });
    if (!request) throw notFound('This request');
    const rows = await this.prisma.document.findMany({
      where: { requestId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return { items: rows.map(toMetadata) };
  }

  /**
   * Opens a document's bytes (or its detached signature) for download. Every read is audited: the stream is
   * opened first (so a missing object fails without an event), then the document.read event commits, and only
   * then does a byte leave. A read that is not recorded does not happen.
   */
  async open(
    documentId: string,
    part: DocumentPart,
    actor: Identity,
  ): Promise<{ document: DocumentRow; stream: Readable }> {
    const document = await this.prisma.document.findUnique({ where: { id: documentId } });
    if (!document) throw notFound('This document');
    const key = part === 'content' ? document.storageKey : document.signatureStorageKey;
    if (!key) throw notFound('A detached signature for this document');
    const stream = await this.storage.get(key);
    try {
      await this.prisma.$transaction(async (tx) => {
        await this.audit.record(tx, {
          actor,
          action: 'document.read',
          subjectType: 'document',
          subjectId: document.id,
          details: { requestId: document.requestId, part },
        });
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { document, stream };
  }
}
