import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { TransparencyLogModule } from '../transparency-log/index.js';
import { HealthService } from './health.service.js';

@Module({ imports: [TransparencyLogModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
