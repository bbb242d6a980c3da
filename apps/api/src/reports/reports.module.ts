import { Module } from '@nestjs/common';
import { TransparencyLogModule } from '../transparency-log/index.js';
import { CanaryController } from './canary.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [TransparencyLogModule],
  controllers: [ReportsController, CanaryController],
  providers: [ReportsService],
})
export class ReportsModule {}
