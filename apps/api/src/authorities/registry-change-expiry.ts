import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { ChangeExpirySweeper } from '../four-eyes/index.js';
import { REGISTRY_CHANGES, type RegistryChangeWithResult } from './registry-change-table.js';

/** Closes expired registry changes every REGISTRY_CHANGE_SWEEP_INTERVAL_MS, so each expiry is in the audit log. */
@Injectable()
export class RegistryChangeExpiry extends ChangeExpirySweeper<RegistryChangeWithResult> {
  constructor(prisma: PrismaService, audit: AuditService, @Inject(ENV) env: Env) {
    super(prisma, audit, REGISTRY_CHANGES, env.REGISTRY_CHANGE_SWEEP_INTERVAL_MS);
  }
}
