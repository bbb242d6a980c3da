import { Body, Controller, Param } from '@nestjs/common';
import {
  ConfirmVerificationRoute,
  ListVerificationsRoute,
  type RecordedVerification,
  type RecordOutOfBandVerification,
  RecordOutOfBandVerificationRoute,
  type RecordSignatureVerification,
  RecordSignatureVerificationRoute,
  type VerificationList,
} from '@writ/contracts';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { VerificationService } from './verification.service.js';

type IdParams = { id: string };

@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Route(RecordSignatureVerificationRoute)
  recordSignature(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RecordSignatureVerificationRoute.params }) params: IdParams,
    @Body({ schema: RecordSignatureVerificationRoute.body }) body: RecordSignatureVerification,
  ): Promise<RecordedVerification> {
    return this.verification.recordSignature(actor, params.id, body);
  }

  @Route(RecordOutOfBandVerificationRoute)
  recordOutOfBand(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RecordOutOfBandVerificationRoute.params }) params: IdParams,
    @Body({ schema: RecordOutOfBandVerificationRoute.body }) body: RecordOutOfBandVerification,
  ): Promise<RecordedVerification> {
    return this.verification.recordOutOfBand(actor, params.id, body);
  }

  @Route(ConfirmVerificationRoute)
  confirm(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ConfirmVerificationRoute.params }) params: IdParams & { verificationId: string },
  ): Promise<RecordedVerification> {
    return this.verification.confirm(actor, params.id, params.verificationId);
  }

  @Route(ListVerificationsRoute)
  list(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ListVerificationsRoute.params }) params: IdParams,
  ): Promise<VerificationList> {
    return this.verification.list(actor, params.id);
  }
}
