import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { ChangeExpirySweeper } from '../four-eyes/index.js';
import type { StaffChange as StaffChangeRow } from '../generated/prisma/client.js';
import { STAFF_CHANGES } from './staff-change-table.js';

/** Closes expired staff changes every STAFF_CHANGE_SWEEP_INTERVAL_MS, each with its audit event. */
@Injectable()
export class StaffChangeExpiry extends ChangeExpirySweeper<StaffChangeRow> {
  constructor(prisma: PrismaService, audit: AuditService, @Inject(ENV) env: Env) {
    super(prisma, audit, STAFF_CHANGES, env.STAFF_CHANGE_SWEEP_INTERVAL_MS);
  }
}
