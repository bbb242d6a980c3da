import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@writ/contracts';
import { AppError } from '../common/app-error.js';
import { PrismaService } from '../database/prisma.service.js';
import { API_VERSION } from '../version.js';

@Injectable()
export class HealthService {
  constructor(private readonly prisma: PrismaService) {}

  /** 200 when the database answers; 503 otherwise, so a load balancer takes the instance out. */
  async check(): Promise<HealthResponse> {
    const started = performance.now();
    const reachable = await this.prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    const result: HealthResponse = {
      status: reachable ? 'ok' : 'degraded',
      version: API_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      database: { reachable, latencyMs: reachable ? Math.round(performance.now() - started) : null },
    };
    if (!reachable) throw new AppError('SERVICE_UNAVAILABLE', 'The database is not reachable.', result);
    return result;
  }
}
