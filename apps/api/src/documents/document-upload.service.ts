import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type DocumentKind,
  type DocumentMetadata,
  SIGNATURE_MAX_BYTES,
  type SignatureFormat,
  UploadDocumentFields,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { DOCUMENT_STORAGE, type DocumentStorage, type StoredObject } from '../storage/index.js';
import { checkDetachedSignature } from './detached-signature.js';
import { formatBytes, toMetadata } from './document-view.js';
import { assertEditable } from './editable.js';
import { cleanFilename } from './filename.js';
import { MultipartReader, type Part } from './multipart.js';
import { notText, SNIFF_BYTES, sniffMediaType, TextCheck } from './sniff.js';

type FilePart = Extract<Part, { type: 'file' }>;
interface Received {
  fields: UploadDocumentFields;
  file: { object: StoredObject; mediaType: string; filename: string };
  signature: { object: StoredObject; format: SignatureFormat } | null;
}

/** document.size is an INTEGER column. */
const LARGEST_STORABLE = 2 ** 31 - 1;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path: [path], message }] });

/**
 * Attaching a document: multipart straight from the socket to storage. The first bytes decide the type before
 * anything is written; size and (for text) encoding are checked as the rest streams through; the database row
 * and its audit event are one transaction; anything stored for an upload that then fails is deleted again.
 */
@Injectable()
export class DocumentUploadService {
  private readonly logger = new Logger('DocumentUpload');
  private readonly maxBytes: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(ENV) env: Env,
  ) {
    this.maxBytes = Math.min(env.UPLOAD_MAX_BYTES, LARGEST_STORABLE);
  }

  /** The most a well-formed upload can weigh: the file, a signature, and generous room for part headers. */
  get requestLimit(): number {
    return this.maxBytes + SIGNATURE_MAX_BYTES + 64 * 1024;
  }

  async upload(requestId: string, request: IncomingMessage, actor: Identity): Promise<DocumentMetadata> {
    // Cheap refusals first, before a byte of the body is read.
    await assertEditable(this.prisma, requestId, false);
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.requestLimit) throw this.tooLarge('file', this.maxBytes);

    const reader = new MultipartReader(request, {
      fileBytes: Math.max(this.maxBytes, SIGNATURE_MAX_BYTES) + 1,
      files: 2,
      fields: 4,
      fieldBytes: 1024,
    });
    const stored: StoredObject[] = [];
    try {
      const { fields, file, signature } = await this.receive(reader, stored);
      const row = await this.prisma.$transaction(async (tx) => {
        await assertEditable(tx, requestId, true);
        const row = await tx.document.create({
          data: {
            requestId,
            kind: fields.kind,
            filename: file.filename,
            mediaType: file.mediaType,
            size: file.object.size,
            sha256: file.object.sha256,
            storageKey: file.object.key,
            signatureFormat: signature?.format ?? null,
            signatureStorageKey: signature?.object.key ?? null,
            signatureSha256: signature?.object.sha256 ?? null,
            uploadedById: actor.staffId,
          },
        });
        await this.audit.record(tx, {
          actor,
          action: 'document.uploaded',
          subjectType: 'document',
          subjectId: row.id,
          details: {
            requestId,
            kind: row.kind,
            mediaType: row.mediaType,
            size: row.size,
            signatureFormat: row.signatureFormat,
          },
          // A file name can name a person, and a hash lets anyone holding a copy of a sealed order confirm we
          // received it: both go to the public log only as commitments.
          personal: {
            filename: row.filename,
            sha256: row.sha256,
            ...(row.signatureSha256 ? { signatureSha256: row.signatureSha256 } : {}),
          },
        });
        return row;
      });
      return toMetadata(row);
    } catch (error) {
      await Promise.all(
        stored.map((object) =>
          this.storage.delete(object.key).catch((cleanup: unknown) => {
            this.logger.error({ err: cleanup, key: object.key }, 'could not delete the object of a failed upload');
          }),
        ),
      );
      // A body that broke (malformed, cut off) surfaces in the file stream with busboy's bare message.
      throw error instanceof AppError ? error : (reader.failure ?? error);
    }
  }

  private async receive(reader: MultipartReader, stored: StoredObject[]): Promise<Received> {
    const raw: Record<string, string> = {};
    let fields: UploadDocumentFields | null = null;
    let file: Received['file'] | null = null;
    let signature: Received['signature'] = null;
    for await (const part of reader) {
      if (part.type === 'field') {
        if (fields) throw invalid(part.name, 'send the text fields (kind, signatureFormat) before the file parts');
        if (part.name in raw) throw invalid(part.name, 'is sent twice');
        raw[part.name] = part.value;
        continue;
      }
      // The file is checked against the kind while it streams, so the fields must be complete by now.
      fields ??= parseFields(raw);
      if (part.name === 'file') {
        if (file) throw invalid('file', 'send one file per upload');
        file = await this.storeFile(part, fields.kind, stored);
      } else if (part.name === 'signature') {
        if (signature) throw invalid('signature', 'send one signature per upload');
        if (!fields.signatureFormat)
          throw invalid('signatureFormat', 'is required with a signature part (CMS or ED25519)');
        signature = {
          object: await this.storeSignature(part, fields.signatureFormat, stored),
          format: fields.signatureFormat,
        };
      } else {
        throw invalid(part.name, 'is not a part of this upload; send "file" and, optionally, "signature"');
      }
    }
    fields ??= parseFields(raw);
    if (!file) throw invalid('file', 'is required: the document itself, as a file part named "file"');
    if (fields.signatureFormat && !signature)
      throw invalid('signature', 'signatureFormat was given but no signature part');
    return { fields, file, signature };
  }

  private async storeFile(part: FilePart, kind: DocumentKind, stored: StoredObject[]): Promise<Received['file']> {
    const max = this.maxBytes;
    const chunks = part.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const head = await readHead(chunks, SNIFF_BYTES);
    if (head.bytes.length === 0) throw invalid('file', 'is empty');
    if (head.bytes.length > max) throw this.tooLarge('file', max);
    const mediaType = await sniffMediaType(head.bytes, kind, head.done);
    const text = mediaType === 'text/plain' ? new TextCheck() : null;
    const tooLarge = () => this.tooLarge('file', max);

    async function* body(): AsyncGenerator<Buffer> {
      let size = head.bytes.length;
      text?.push(head.bytes);
      yield head.bytes;
      if (!head.done) {
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          size += next.value.length;
          if (size > max) throw tooLarge();
          if (text && !text.push(next.value)) throw notText();
          yield next.value;
        }
      }
      if (text && !text.end()) throw notText();
    }

    const object = await this.storage.put(Readable.from(body(), { objectMode: false }));
    stored.push(object);
    return { object, mediaType, filename: cleanFilename(part.filename) };
  }

  private async storeSignature(part: FilePart, format: SignatureFormat, stored: StoredObject[]): Promise<StoredObject> {
    // Small by definition, so it is read whole and checked before it is stored.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > SIGNATURE_MAX_BYTES) throw this.tooLarge('signature', SIGNATURE_MAX_BYTES);
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    checkDetachedSignature(bytes, format);
    const object = await this.storage.put(Readable.from([bytes]));
    stored.push(object);
    return object;
  }

  private tooLarge(what: 'file' | 'signature', limit: number): AppError {
    return new AppError('PAYLOAD_TOO_LARGE', `The ${what} is larger than the limit of ${formatBytes(limit)}.`, {
      limit,
    });
  }
}

function parseFields(raw: Record<string, string>): UploadDocumentFields {
  const result = UploadDocumentFields.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  throw new AppError(
    'VALIDATION_FAILED',
    issues.map((issue) => `${issue.path.join('.') || 'fields'}: ${issue.message}`).join('; '),
    {
      issues,
    },
  );
}

/** The first `size` bytes or more (whole chunks), or everything if the stream is shorter. */
async function readHead(chunks: AsyncIterator<Buffer>, size: number): Promise<{ bytes: Buffer; done: boolean }> {
  const head: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await chunks.next();
    if (next.done) return { bytes: Buffer.concat(head), done: true };
    head.push(next.value);
    length += next.value.length;
  }
  return { bytes: Buffer.concat(head), done: false };
}
