import { Module } from '@nestjs/common';
import { Integrator } from './integrator.js';
import { LogController } from './log.controller.js';
import { LogService } from './log.service.js';
import { LogStore } from './log-store.js';

@Module({
  controllers: [LogController],
  providers: [LogStore, Integrator, LogService],
  exports: [Integrator, LogStore],
})
export class TransparencyLogModule {}
