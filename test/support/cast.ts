// The cast of the evidence suites (verification, decisions, disclosures): a court CA, one account per role that
// handles a request, and the court in the registry with that CA as its key. Built the same way everywhere, so a
// suite says only what it adds (a second court, a person holding two roles).
import {
  ConfirmVerificationRoute,
  type RecordedVerification,
  RecordDecisionsRoute,
  RecordSignatureVerificationRoute,
  TransitionRequestRoute,
} from '@writ/contracts';
import { createRequest, validRequest } from '../api/requests.fixtures';
import { createStaff, type TestStaff } from './auth';
import { okAs } from './client';
import {
  type CourtPki,
  makeCourtPki,
  orderPdf,
  registerAuthority,
  type RegisteredAuthority,
  uploadDocument,
} from './court-pki';
import type { TestApp } from './test-app';

export interface Cast {
  pki: CourtPki;
  intake: TestStaff;
  reviewer: TestStaff;
  approver: TestStaff;
  auditor: TestStaff;
  admin: TestStaff;
  /** Registered with `pki`'s CA as its key and a telephone channel, approved by a second admin. */
  court: RegisteredAuthority;
}

/** The cast on `t`'s database; close `cast.pki` after the suite. */
export async function castWithCourt(t: Pick<TestApp, 'url' | 'db'>, options: { country?: string } = {}): Promise<Cast> {
  const pki = makeCourtPki();
  const [intake, reviewer, approver, auditor, admin] = await Promise.all([
    createStaff(t, ['INTAKE']),
    createStaff(t, ['REVIEWER']),
    createStaff(t, ['APPROVER']),
    createStaff(t, ['AUDITOR']),
    createStaff(t, ['ADMIN']),
  ]);
  const court = await registerAuthority(t, admin, { certificate: pki.caPem, ...options });
  return { pki, intake, reviewer, approver, auditor, admin, court };
}

export interface InReviewOptions {
  /** Intake fields over validRequest's. */
  order?: Record<string, unknown>;
  /** The document uploaded (an order PDF unless given). */
  document?: Buffer;
  /** The detached signature uploaded with it: the court's over the document unless given; null for none. */
  signature?: Buffer | null;
  /** The signature's format (CMS unless given). */
  signatureFormat?: 'CMS' | 'ED25519';
  /** Flip a byte of the document after signing it. */
  tamper?: boolean;
  /** The issuing authority (the cast's court unless given). */
  authorityId?: string;
  /** false: leave the request RECEIVED. */
  start?: boolean;
}

/** A request with an order document (signed by the court unless told otherwise), moved IN_REVIEW. */
export async function requestInReview(
  t: Pick<TestApp, 'url'>,
  cast: Pick<Cast, 'pki' | 'intake' | 'reviewer'> & { court: Pick<RegisteredAuthority, 'id'> },
  options: InReviewOptions = {},
): Promise<{ id: string; documentId: string }> {
  const created = await createRequest(
    t,
    cast.intake,
    validRequest(options.authorityId ?? cast.court.id, options.order ?? { statementOfReasons: 'Fraud' }),
  );
  const document = options.document ?? orderPdf();
  const signature = options.signature === undefined ? cast.pki.sign(document) : options.signature;
  if (options.tamper) document[200] = document[200]! ^ 0x01;
  const uploaded = await uploadDocument(
    t,
    cast.intake,
    created.id,
    document,
    signature ? { signature, signatureFormat: options.signatureFormat ?? 'CMS' } : {},
  );
  if (options.start !== false) {
    await okAs(
      t,
      TransitionRequestRoute,
      { params: { id: created.id }, body: { to: 'IN_REVIEW', version: created.version } },
      cast.reviewer,
    );
  }
  return { id: created.id, documentId: uploaded.id };
}

/** The stored signature verified by the reviewer and confirmed by the approver: the request becomes VERIFIED. */
export async function verifySignature(
  t: Pick<TestApp, 'url'>,
  cast: Pick<Cast, 'reviewer' | 'approver'>,
  id: string,
  documentId: string,
): Promise<RecordedVerification> {
  const evidence = await okAs(
    t,
    RecordSignatureVerificationRoute,
    { params: { id }, body: { documentId } },
    cast.reviewer,
  );
  return okAs(t, ConfirmVerificationRoute, { params: { id, verificationId: evidence.verification.id } }, cast.approver);
}

/** A request with a signed order, verified by two people, its decisions recorded: DECIDED. */
export async function decidedRequest(
  t: Pick<TestApp, 'url'>,
  cast: Pick<Cast, 'pki' | 'intake' | 'reviewer' | 'approver'> & { court: Pick<RegisteredAuthority, 'id'> },
  order: Record<string, unknown>,
  courtId = cast.court.id,
): Promise<string> {
  const { id, documentId } = await requestInReview(t, cast, { order, authorityId: courtId });
  await verifySignature(t, cast, id, documentId);
  await okAs(t, RecordDecisionsRoute, { params: { id } }, cast.reviewer);
  return id;
}
