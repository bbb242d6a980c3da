import { Module } from '@nestjs/common';
import { SubscriberDataModule } from '../subscriber-data/index.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionsService } from './decisions.service.js';

/** The policy engine applied to requests: preview, record once, read (docs/POLICY.md). */
@Module({
  imports: [SubscriberDataModule],
  controllers: [DecisionsController],
  providers: [DecisionsService],
})
export class DecisionsModule {}
