import { Controller } from '@nestjs/common';
import { GetHealth, type HealthResponse } from '@writ/contracts';
import { Route } from '../common/index.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Route(GetHealth)
  check(): Promise<HealthResponse> {
    return this.health.check();
  }
}
