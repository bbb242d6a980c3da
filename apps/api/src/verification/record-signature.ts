import type { Readable } from 'node:stream';
import type { RecordedVerification, RecordSignatureVerification } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { notFound, sha256Hex } from '../common/index.js';
import { TX } from '../database/index.js';
import { lockRequest } from '../requests/index.js';
import { assertCollecting, assertRoom, invalid } from './evidence-rules.js';
import { registeredKeys } from './registered-keys.js';
import { verifyDetachedSignature } from './signatures.js';
import { storeEvidence } from './store-evidence.js';
import type { VerificationContext } from './verification-context.js';
import type { SignatureDetails } from './verification-view.js';

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Checks the order's detached signature against the keys the registry holds for the authority the request names,
 * and stores the result as evidence, a failed check too (docs/POLICY.md, "Verification").
 */
export async function recordSignature(
  ctx: VerificationContext,
  actor: Identity,
  requestId: string,
  body: RecordSignatureVerification,
): Promise<RecordedVerification> {
  // The checks that need no lock, and the bytes, first: reading a document must not hold the request row.
  const request = await ctx.prisma.request.findUnique({ where: { id: requestId }, select: { status: true } });
  if (!request) throw notFound('This request');
  const document = await ctx.prisma.document.findUnique({ where: { id: body.documentId } });
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
    ctx.storage.get(document.storageKey).then(readAll),
    ctx.storage.get(document.signatureStorageKey).then(readAll),
  ]);

  return ctx.prisma.$transaction(async (tx) => {
    const current = await lockRequest(tx, requestId);
    assertCollecting(current.status);
    await assertRoom(tx, requestId);
    const at = new Date();
    // Keys of the authority the request names now, not revoked; their windows are checked at `at`.
    const registry = await ctx.authorities.registryFor(current.authorityId, { tx });
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
    const signer = result.signer;
    return storeEvidence(ctx, tx, actor, {
      request: current,
      row: { method: 'SIGNATURE', result: result.status, documentId: document.id, details },
      before: async (verificationId) => {
        for (const part of ['content', 'signature'] as const) {
          await ctx.audit.record(tx, {
            actor,
            action: 'document.read',
            subjectType: 'document',
            subjectId: document.id,
            details: { requestId, part, purpose: 'verification', verificationId },
          });
        }
      },
      details: {
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
      at,
    });
  }, TX.evidence);
}
