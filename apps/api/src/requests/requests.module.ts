import { Module } from '@nestjs/common';
import { IdempotencySweeper } from './idempotency-sweeper.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

@Module({
  controllers: [RequestsController],
  providers: [RequestsService, IdempotencySweeper],
  exports: [RequestsService],
})
export class RequestsModule {}
