import { Module } from '@nestjs/common';
import { AuthoritiesModule } from '../authorities/index.js';
import { StorageModule } from '../storage/index.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';

/** Verification evidence: signatures checked against the authority registry, out-of-band confirmations, four eyes. */
@Module({
  imports: [AuthoritiesModule, StorageModule],
  controllers: [VerificationController],
  providers: [VerificationService],
})
export class VerificationModule {}
