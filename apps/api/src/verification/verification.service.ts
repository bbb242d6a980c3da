import { Inject, Injectable } from '@nestjs/common';
import type {
  RecordedVerification,
  RecordOutOfBandVerification,
  RecordSignatureVerification,
  VerificationList,
} from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AuthoritiesService } from '../authorities/index.js';
import { PrismaService } from '../database/index.js';
import { POLICY } from '../policy/index.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../storage/index.js';
import { confirmVerification } from './confirm-verification.js';
import { listVerifications } from './list-verifications.js';
import { recordOutOfBand } from './record-out-of-band.js';
import { recordSignature } from './record-signature.js';
import type { VerificationContext } from './verification-context.js';

/**
 * Verification evidence (docs/POLICY.md, "Verification"); each operation is its own file. Every piece is stored as
 * recorded, failed checks included, with an audit event; whether the order counts as verified is the policy
 * engine's call, and the lifecycle follows it: a confirmation that makes the order verified moves the request
 * IN_REVIEW → VERIFIED.
 */
@Injectable()
export class VerificationService {
  private readonly ctx: VerificationContext;

  constructor(
    prisma: PrismaService,
    audit: AuditService,
    authorities: AuthoritiesService,
    @Inject(DOCUMENT_STORAGE) storage: DocumentStorage,
    @Inject(POLICY) policy: CompiledPolicy,
  ) {
    this.ctx = { prisma, audit, authorities, storage, policy };
  }

  recordSignature(
    actor: Identity,
    requestId: string,
    body: RecordSignatureVerification,
  ): Promise<RecordedVerification> {
    return recordSignature(this.ctx, actor, requestId, body);
  }

  recordOutOfBand(
    actor: Identity,
    requestId: string,
    body: RecordOutOfBandVerification,
  ): Promise<RecordedVerification> {
    return recordOutOfBand(this.ctx, actor, requestId, body);
  }

  confirm(actor: Identity, requestId: string, verificationId: string): Promise<RecordedVerification> {
    return confirmVerification(this.ctx, actor, requestId, verificationId);
  }

  list(actor: Identity, requestId: string): Promise<VerificationList> {
    return listVerifications(this.ctx, actor, requestId);
  }
}
