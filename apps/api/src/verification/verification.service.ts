import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type {
  OutOfBandResult,
  RecordedVerification,
  RecordOutOfBandVerification,
  RecordSignatureVerification,
  RequestStatus,
  VerificationAssessment,
  VerificationList,
} from '@writ/contracts';
import type { CompiledPolicy, OutOfBandOutcome } from '@writ/policy';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AuthoritiesService } from '../authorities/index.js';
import { AppError, notFound } from '../common/index.js';
import { PrismaService, sha256Hex, TX, type Tx } from '../database/index.js';
import { assessVerification, loadRequestForPolicy, toPolicyInputs } from '../decisions/index.js';
import { POLICY } from '../policy/index.js';
import { lockRequest, transitionRequest } from '../requests/index.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../storage/index.js';
import { registeredKeys } from './registered-keys.js';
import { verifyDetachedSignature } from './signatures.js';
import { type SignatureDetails, toVerificationView, VERIFICATION_INCLUDE } from './verification-view.js';

/** Evidence is gathered during review, and may be added until decisions are recorded. */
const COLLECTING: readonly RequestStatus[] = ['IN_REVIEW', 'VERIFIED'];
/** The policy engine reads at most this many pieces of evidence per order. */
const MAX_EVIDENCE = 100;
/** Clocks differ a little; a contact "now" on the caller's machine must not be refused as future. */
const CLOCK_SKEW_MS = 5 * 60_000;

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path: [path], message }] });

function assertCollecting(status: string): void {
  if ((COLLECTING as readonly string[]).includes(status)) return;
  throw new AppError(
    'CONFLICT',
    status === 'RECEIVED'
      ? 'The request is RECEIVED: start the review (→ IN_REVIEW) before recording or confirming verification evidence.'
      : `The request is ${status}: verification evidence is recorded and confirmed only while it is ${COLLECTING.join(' or ')}.`,
    { status },
  );
}

/** People note the time of a call to the minute (the portal's field has no seconds). */
const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

/**
 * A call-back confirms the order the platform holds: one dated before the order was issued, or before the request
 * reached the platform, cannot be about it (a typo, or evidence borrowed from another case). Compared to the
 * minute, so a call made in the minute the request arrived, noted without seconds, is not refused.
 */
function assertContactAfterOrder(contactedAt: Date, request: { receivedAt: Date; issuedAt: Date | null }): void {
  if (request.issuedAt && minuteOf(contactedAt) < minuteOf(request.issuedAt)) {
    throw invalid(
      'contactedAt',
      `is before the order was issued (${request.issuedAt.toISOString()}); record when the authority was contacted about this order`,
    );
  }
  if (minuteOf(contactedAt) < minuteOf(request.receivedAt)) {
    throw invalid(
      'contactedAt',
      `is before the request was received (${request.receivedAt.toISOString()}); record when the authority was contacted about this order`,
    );
  }
}

async function assertRoom(tx: Tx, requestId: string): Promise<void> {
  const count = await tx.verification.count({ where: { requestId } });
  if (count >= MAX_EVIDENCE) {
    throw new AppError(
      'CONFLICT',
      `This request already has ${count} pieces of verification evidence, the most the policy reads.`,
      {
        count,
      },
    );
  }
}

/**
 * Verification evidence (docs/POLICY.md, "Verification"). Every piece is stored as recorded, failed checks included,
 * with an audit event; whether the order counts as verified is the policy engine's call (assessVerification), and
 * the lifecycle follows it: a confirmation that makes the order verified moves the request IN_REVIEW → VERIFIED.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly authorities: AuthoritiesService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(POLICY) private readonly policy: CompiledPolicy,
  ) {}

  async recordSignature(
    actor: Identity,
    requestId: string,
    body: RecordSignatureVerification,
  ): Promise<RecordedVerification> {
    // The checks that need no lock, and the bytes, first: reading a document must not hold the request row.
    const request = await this.prisma.request.findUnique({ where: { id: requestId }, select: { status: true } });
    if (!request) throw notFound('This request');
    const document = await this.prisma.document.findUnique({ where: { id: body.documentId } });
    if (!document || document.requestId !== requestId) throw notFound('This document (on this request)');
    if (document.kind !== 'ORDER') {
      throw invalid('documentId', `is a ${document.kind} document; only the order itself (kind ORDER) is verified`);
    }
    const format = document.signatureFormat;
    if (!document.signatureStorageKey || !format) {
      throw invalid(
        'documentId',
        'has no detached signature; upload the order with its signature, or confirm the order out of band',
      );
    }
    assertCollecting(request.status);
    const [bytes, signature] = await Promise.all([
      this.storage.get(document.storageKey).then(readAll),
      this.storage.get(document.signatureStorageKey).then(readAll),
    ]);

    return this.prisma.$transaction(async (tx) => {
      const current = await lockRequest(tx, requestId);
      assertCollecting(current.status);
      await assertRoom(tx, requestId);
      const at = new Date();
      // Keys of the authority the request names now, not revoked; their windows are checked at `at`.
      const registry = await this.authorities.registryFor(current.authorityId, { tx });
      const result = await verifyDetachedSignature({
        document: bytes,
        signature,
        format,
        registeredKeys: registeredKeys(registry),
        at,
      });
      const details: SignatureDetails = {
        authorityId: current.authorityId,
        // The bytes actually checked: if storage no longer matched the intake hash, the evidence is not about the order.
        documentSha256: sha256Hex(bytes),
        signatureSha256: sha256Hex(signature),
        format,
        message: result.message,
        signer: result.signer ?? null,
        checkedAt: at.toISOString(),
      };
      const row = await tx.verification.create({
        data: {
          requestId,
          method: 'SIGNATURE',
          result: result.status,
          documentId: document.id,
          details,
          recordedById: actor.staffId,
          recordedAt: at,
        },
        include: VERIFICATION_INCLUDE,
      });
      for (const part of ['content', 'signature'] as const) {
        await this.audit.record(tx, {
          actor,
          action: 'document.read',
          subjectType: 'document',
          subjectId: document.id,
          details: { requestId, part, purpose: 'verification', verificationId: row.id },
        });
      }
      const signer = result.signer;
      await this.audit.record(tx, {
        actor,
        action: 'verification.recorded',
        subjectType: 'request',
        subjectId: requestId,
        details: {
          verificationId: row.id,
          method: 'SIGNATURE',
          result: result.status,
          documentId: document.id,
          format,
          keyId: signer?.keyId ?? null,
          matchesIntakeHash: details.documentSha256 === document.sha256,
        },
        // A certificate names its holder, who may be a judge.
        personal: Object.fromEntries(
          Object.entries({
            signerSubject: signer?.subject,
            signerSerialNumber: signer?.serialNumber,
            signerCertificateSha256: signer?.certificateSha256,
          }).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
      });
      return {
        verification: toVerificationView(row),
        requestStatus: current.status as RequestStatus,
        assessment: await this.assess(tx, requestId, at),
      };
    }, TX.evidence);
  }

  async recordOutOfBand(
    actor: Identity,
    requestId: string,
    body: RecordOutOfBandVerification,
  ): Promise<RecordedVerification> {
    const now = new Date();
    const contactedAt = new Date(body.contactedAt);
    if (contactedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw invalid('contactedAt', 'is in the future; record when the authority was contacted');
    }
    return this.prisma.$transaction(async (tx) => {
      const current = await lockRequest(tx, requestId);
      assertCollecting(current.status);
      assertContactAfterOrder(contactedAt, current);
      await assertRoom(tx, requestId);
      // docs/POLICY.md: the channel must come from the registry entry of the issuing authority, never from the order.
      const channel = await tx.authorityContactChannel.findUnique({ where: { id: body.contactChannelId } });
      if (!channel || channel.authorityId !== current.authorityId) {
        throw new AppError(
          'CHANNEL_NOT_IN_REGISTRY',
          'That contact channel is not registered for the issuing authority. Confirm the order through one of the ' +
            "channels in the authority's registry entry, never through contact details taken from the order itself.",
          { contactChannelId: body.contactChannelId, authorityId: current.authorityId },
        );
      }
      const row = await tx.verification.create({
        data: {
          requestId,
          method: 'OUT_OF_BAND',
          result: body.outcome,
          contactChannelId: channel.id,
          contactPerson: body.contactPerson,
          contactedAt,
          note: body.note,
          details: { authorityId: channel.authorityId, channelKind: channel.kind },
          recordedById: actor.staffId,
          recordedAt: now,
        },
        include: VERIFICATION_INCLUDE,
      });
      await this.audit.record(tx, {
        actor,
        action: 'verification.recorded',
        subjectType: 'request',
        subjectId: requestId,
        details: {
          verificationId: row.id,
          method: 'OUT_OF_BAND',
          result: body.outcome,
          contactChannelId: channel.id,
          channelKind: channel.kind,
          contactedAt: contactedAt.toISOString(),
        },
        personal: { contactPerson: body.contactPerson, note: body.note },
      });
      return {
        verification: toVerificationView(row),
        requestStatus: current.status as RequestStatus,
        assessment: await this.assess(tx, requestId, now),
      };
    }, TX.evidence);
  }

  /** Four eyes: the confirmer is never the recorder (docs/POLICY.md, "Verification"). */
  async confirm(actor: Identity, requestId: string, verificationId: string): Promise<RecordedVerification> {
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      const current = await lockRequest(tx, requestId);
      const evidence = await tx.verification.findFirst({ where: { id: verificationId, requestId } });
      if (!evidence) throw notFound('This verification (on this request)');
      if (evidence.recordedById === actor.staffId) {
        throw new AppError(
          'SEPARATION_OF_DUTIES',
          'You recorded this evidence; another person must confirm it (four eyes, POLICY.md).',
        );
      }
      if (evidence.confirmedById !== null) {
        throw new AppError(
          'CONFLICT',
          `This evidence was already confirmed at ${evidence.confirmedAt?.toISOString()}.`,
          {
            confirmedById: evidence.confirmedById,
          },
        );
      }
      assertCollecting(current.status);
      const row = await tx.verification.update({
        where: { id: verificationId },
        data: { confirmedById: actor.staffId, confirmedAt: now },
        include: VERIFICATION_INCLUDE,
      });
      await this.audit.record(tx, {
        actor,
        action: 'verification.confirmed',
        subjectType: 'request',
        subjectId: requestId,
        details: { verificationId, method: row.method, result: row.result, recordedById: row.recordedById },
      });
      const assessment = await this.assess(tx, requestId, now);
      let requestStatus = current.status as RequestStatus;
      if (current.status === 'IN_REVIEW' && assessment.verified) {
        // The lifecycle's own transition (roles, history, audit event), in this transaction.
        const moved = await transitionRequest(
          tx,
          this.audit,
          actor,
          requestId,
          { to: 'VERIFIED', version: current.version },
          now,
          'verification',
        );
        requestStatus = moved.status as RequestStatus;
      }
      return { verification: toVerificationView(row), requestStatus, assessment };
    }, TX.evidence);
  }

  list(actor: Identity, requestId: string): Promise<VerificationList> {
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      const request = await tx.request.findUnique({ where: { id: requestId }, select: { id: true } });
      if (!request) throw notFound('This request');
      const rows = await tx.verification.findMany({
        where: { requestId },
        orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
        include: VERIFICATION_INCLUDE,
      });
      // Contact persons and notes may name people: reading them is an event.
      await this.audit.record(tx, {
        actor,
        action: 'verifications.read',
        subjectType: 'request',
        subjectId: requestId,
        details: { verificationIds: rows.map((row) => row.id) },
      });
      return { items: rows.map(toVerificationView), assessment: await this.assess(tx, requestId, now) };
    });
  }

  private async assess(tx: Tx, requestId: string, now: Date): Promise<VerificationAssessment> {
    const loaded = await loadRequestForPolicy(tx, requestId);
    return assessVerification(this.policy, toPolicyInputs(loaded.rows), now);
  }
}

// The contract's outcomes are the engine's: if either list changes alone, tsc fails here.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const outcomesAgree: Equal<OutOfBandResult, OutOfBandOutcome> = true;
void outcomesAgree;
