import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@writ/contracts';
import { AppError } from '../common/index.js';
import { PrismaService } from '../database/index.js';
import { Integrator } from '../transparency-log/index.js';
import { API_VERSION } from '../version.js';

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly integrator: Integrator,
  ) {}

  /**
   * 200 when the database answers; 503 otherwise, so a load balancer takes the instance out. A log that will not
   * sign is degraded but 200: every instance shares it, so taking this one out would not help.
   */
  async check(): Promise<HealthResponse> {
    const started = performance.now();
    const reachable = await this.prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    const log = this.integrator.state();
    const result: HealthResponse = {
      status: reachable && log.status === 'ok' ? 'ok' : 'degraded',
      version: API_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      database: { reachable, latencyMs: reachable ? Math.round(performance.now() - started) : null },
      log: { status: log.status, reason: log.reason, since: log.since?.toISOString() ?? null },
    };
    if (!reachable) throw new AppError('SERVICE_UNAVAILABLE', 'The database is not reachable.', result);
    return result;
  }
}
