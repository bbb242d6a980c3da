import { Injectable } from '@nestjs/common';
import {
  type AuditAction,
  type AuditEvent,
  type AuditEventQuery,
  auditActorKind,
  type CheckpointListQuery,
  type CheckpointPage,
  type ConsistencyProofResponse,
  type InclusionProofResponse,
  type LogKeyResponse,
  READ_ACTIONS,
} from '@writ/contracts';
import { consistencyProof, createReceipt, encodeEntryBundle, inclusionProof, toBase64 } from '@writ/tlog';
import { AppError, bigintCursor, notFound } from '../common/index.js';
import { PrismaService } from '../database/index.js';
import type { AuditEvent as AuditEventRow, Prisma } from '../generated/prisma/client.js';
import type { Identity } from '../auth/index.js';
import { AuditService } from '../audit/index.js';
import { Integrator } from './integrator.js';
import { LogStore } from './log-store.js';

export const MAX_ENTRIES_PER_CALL = 10_000;

@Injectable()
export class LogService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: LogStore,
    private readonly integrator: Integrator,
    private readonly audit: AuditService,
  ) {}

  async latestCheckpoint(): Promise<string> {
    const checkpoint = await this.store.latestCheckpoint();
    if (!checkpoint) throw new AppError('NOT_FOUND', 'The log is empty: no checkpoint has been signed yet.');
    return checkpoint.note;
  }

  async checkpointAt(size: number): Promise<string> {
    const checkpoint = await this.prisma.logCheckpoint.findUnique({ where: { treeSize: BigInt(size) } });
    if (!checkpoint) throw notFound(`A checkpoint for tree size ${size}`);
    return checkpoint.note;
  }

  /** Largest first; the cursor is the last size shown (base64url of its decimal digits). */
  async listCheckpoints(query: CheckpointListQuery): Promise<CheckpointPage> {
    const below = query.cursor ? bigintCursor.decode(query.cursor) : undefined;
    const rows = await this.prisma.logCheckpoint.findMany({
      where: below === undefined ? {} : { treeSize: { lt: below } },
      select: { treeSize: true, rootHash: true, createdAt: true },
      orderBy: { treeSize: 'desc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        size: Number(row.treeSize),
        rootHash: toBase64(row.rootHash),
        signedAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit ? bigintCursor.encode(page.at(-1)!.treeSize) : null,
    };
  }

  key(): LogKeyResponse {
    return { origin: this.integrator.keys.origin, keys: this.integrator.keys.verifierKeys };
  }

  /** Proofs are only given for sizes a signed checkpoint covers, so every proof can be checked against a signature. */
  private async signedSize(): Promise<number> {
    const latest = await this.store.latestCheckpoint();
    return latest ? Number(latest.treeSize) : 0;
  }

  async consistency(first: number, second: number): Promise<ConsistencyProofResponse> {
    const size = await this.signedSize();
    if (first < 1 || first > second || second > size) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Need 1 <= first <= second <= ${size} (the latest signed tree size); got first=${first}, second=${second}.`,
      );
    }
    const proof = await consistencyProof(this.store.source(), first, second, this.store.hasher);
    return { first, second, proof: proof.map(toBase64) };
  }

  async entries(start: number, end: number): Promise<Buffer> {
    const size = await this.signedSize();
    if (start > end || end - start > MAX_ENTRIES_PER_CALL) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Ask for start <= end with at most ${MAX_ENTRIES_PER_CALL} entries per call.`,
      );
    }
    const leaves = await this.store.leaves(start, Math.min(end, size));
    return Buffer.from(encodeEntryBundle(leaves));
  }

  async inclusion(index: number, size?: number): Promise<InclusionProofResponse> {
    const signed = await this.signedSize();
    const treeSize = size ?? signed;
    if (treeSize > signed || index >= treeSize) {
      throw new AppError('VALIDATION_FAILED', `Need index < size <= ${signed}; got index=${index}, size=${treeSize}.`);
    }
    const entry = await this.prisma.logEntry.findUnique({ where: { index: BigInt(index) } });
    if (!entry) throw notFound(`Log entry ${index}`);
    const proof = await inclusionProof(this.store.source(), index, treeSize, this.store.hasher);
    return { index, size: treeSize, leafHash: toBase64(entry.leafHash), proof: proof.map(toBase64) };
  }

  async receipt(eventId: string): Promise<string> {
    const entry = await this.prisma.logEntry.findUnique({ where: { eventId: BigInt(eventId) } });
    if (!entry) {
      const exists = await this.prisma.auditEvent.count({ where: { id: BigInt(eventId) } });
      throw exists
        ? new AppError('NOT_FOUND', `Event ${eventId} is not sequenced into the log yet; try again in a second.`)
        : notFound(`Audit event ${eventId}`);
    }
    const checkpoint = await this.store.latestCheckpoint();
    if (!checkpoint) throw new AppError('NOT_FOUND', 'No checkpoint has been signed yet.');
    return createReceipt(this.store.source(), Number(entry.index), checkpoint.note, { hasher: this.store.hasher });
  }

  async listEvents(
    query: AuditEventQuery,
    reader: Identity,
  ): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
    const cursor = query.cursor ? bigintCursor.decode(query.cursor) : undefined;
    const actor = query.actor ? await this.actorWhere(query.actor) : undefined;
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        AND: [
          ...(query.withoutReads ? [{ action: { notIn: [...READ_ACTIONS] } }] : []),
          // With actorId as well, both must hold (an email and another account's id find nothing).
          ...(actor ? [actor] : []),
        ],
        ...(query.action ? { action: query.action } : {}),
        ...(query.actorId ? { actorId: query.actorId } : {}),
        ...(query.subjectType ? { subjectType: query.subjectType } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.from || query.to
          ? {
              at: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lt: new Date(query.to) } : {}),
              },
            }
          : {}),
        ...(cursor ? { id: { lt: cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const entries = await this.prisma.logEntry.findMany({ where: { eventId: { in: page.map((row) => row.id) } } });
    const indexOf = new Map(entries.map((entry) => [entry.eventId, Number(entry.index)]));
    // Full events carry personal identifiers: reading them is itself audited.
    await this.prisma.$transaction((tx) =>
      this.audit.record(tx, {
        actor: reader,
        action: 'audit.events.read',
        subjectType: 'audit_event',
        // Which filters were used, not their values: those may be case numbers or names.
        details: {
          count: page.length,
          filters: Object.keys(query)
            .filter((key) => key !== 'cursor' && key !== 'limit')
            .sort(),
        },
      }),
    );
    return {
      items: page.map((row) => toAuditEvent(row, indexOf.get(row.id) ?? null)),
      nextCursor: rows.length > query.limit ? bigintCursor.encode(page.at(-1)!.id) : null,
    };
  }

  /**
   * The events of the actor an auditor named in words (AuditActorFilter). A staff member's events are found by
   * their account's id, which every event of theirs carries; the label is the email they had then, and emails
   * never change, but the id is what the index is on.
   */
  private async actorWhere(actor: string): Promise<Prisma.AuditEventWhereInput> {
    switch (auditActorKind(actor)) {
      case 'public':
        return { actorId: null, actorLabel: 'public' };
      case 'system':
        return { actorId: null, actorLabel: { startsWith: 'system:' } };
      case 'job':
        return { actorId: null, actorLabel: actor };
      case 'staff': {
        // lower() on both sides: accounts are stored lower-cased by their contract, but one written by other
        // means (SQL, an old import) must still be found, and the staff table is small enough to scan.
        const accounts = await this.prisma.sql<{ id: string }>`
          SELECT id::text FROM staff WHERE lower(email) = lower(${actor})`;
        // An empty page would read as "this person did nothing"; a mistyped email must not look like an answer.
        if (accounts.length === 0) {
          throw new AppError(
            'UNKNOWN_ACTOR',
            `No staff account has the email "${actor}": check its spelling. For events no person caused, give ` +
              `"system" or "public".`,
          );
        }
        return { actorId: { in: accounts.map((account) => account.id) } };
      }
    }
  }

  async getEvent(id: string, reader: Identity): Promise<AuditEvent> {
    const row = await this.prisma.auditEvent.findUnique({ where: { id: BigInt(id) } });
    if (!row) throw notFound(`Audit event ${id}`);
    const entry = await this.prisma.logEntry.findUnique({ where: { eventId: row.id } });
    await this.prisma.$transaction((tx) =>
      this.audit.record(tx, { actor: reader, action: 'audit.event.read', subjectType: 'audit_event', subjectId: id }),
    );
    return toAuditEvent(row, entry ? Number(entry.index) : null);
  }
}

function toAuditEvent(row: AuditEventRow, logIndex: number | null): AuditEvent {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    // Only AuditService writes events, and it takes declared actions only; the response contract checks again.
    action: row.action as AuditAction,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: (row.details ?? {}) as Record<string, unknown>,
    logIndex,
    leaf: Buffer.from(row.leaf).toString('base64'),
  };
}
