import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateStaffRequest,
  ListStaffChangesQuery,
  ListStaffQuery,
  StaffAccount,
  StaffChange,
  StaffChangeApproval,
  StaffChangePage,
  StaffPage,
  UpdateStaffRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { type Identity, IdentityCache } from '../auth/index.js';
import type { Proposed } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { cancelChange, listChanges, readChange, rejectChange } from '../four-eyes/index.js';
import { approveStaffChange } from './approve-staff-change.js';
import { disableStaff } from './disable-staff.js';
import { enableStaff } from './enable-staff.js';
import { findStaff } from './find-staff.js';
import { listStaff } from './list-staff.js';
import { proposeAccount } from './propose-account.js';
import { proposeReset } from './propose-reset.js';
import { staffAccount } from './staff-account.js';
import { refuseOwnAccount, STAFF_CHANGES } from './staff-change-table.js';
import type { StaffContext } from './staff-context.js';
import { updateStaff } from './update-staff.js';

/**
 * Staff accounts and their changes, for ADMIN; each operation is its own file. Every change is audited; personal
 * identifiers (email, name) only as commitments. Four eyes: what grants or restores access is proposed and applied
 * when another admin approves it (four-eyes/, apply-staff-change.ts); what only takes access away (disable, fewer
 * roles) acts at once. The database holds the same line: one pending change per account and kind (or per new
 * email), and a decider who is not the proposer (prisma/migrations/*_staff_change_four_eyes).
 */
@Injectable()
export class StaffService {
  private readonly ctx: StaffContext;

  constructor(prisma: PrismaService, audit: AuditService, identities: IdentityCache, @Inject(ENV) env: Env) {
    this.ctx = { prisma, audit, identities, changeTtlMs: env.STAFF_CHANGE_TTL_HOURS * 3_600_000 };
  }

  list(query: ListStaffQuery): Promise<StaffPage> {
    return listStaff(this.ctx.prisma, query);
  }

  async get(id: string): Promise<StaffAccount> {
    return staffAccount(await findStaff(this.ctx.prisma, id));
  }

  create(admin: Identity, body: CreateStaffRequest): Promise<StaffChange> {
    return proposeAccount(this.ctx, admin, body);
  }

  update(admin: Identity, id: string, body: UpdateStaffRequest): Promise<StaffAccount | Proposed<StaffChange>> {
    return updateStaff(this.ctx, admin, id, body);
  }

  disable(admin: Identity, id: string): Promise<StaffAccount> {
    return disableStaff(this.ctx, admin, id);
  }

  enable(admin: Identity, id: string): Promise<StaffAccount | Proposed<StaffChange>> {
    return enableStaff(this.ctx, admin, id);
  }

  resetSecondFactor(admin: Identity, id: string): Promise<StaffChange> {
    return proposeReset(this.ctx, admin, id, 'RESET_SECOND_FACTOR');
  }

  resetPassword(admin: Identity, id: string): Promise<StaffChange> {
    return proposeReset(this.ctx, admin, id, 'RESET_PASSWORD');
  }

  listChanges(query: ListStaffChangesQuery): Promise<StaffChangePage> {
    const { kind, staffId, status, cursor, limit } = query;
    return listChanges(this.ctx.prisma, STAFF_CHANGES, { filter: { kind, staffId }, status, cursor, limit });
  }

  getChange(id: string): Promise<StaffChange> {
    return readChange(this.ctx.prisma, STAFF_CHANGES, id);
  }

  approveChange(approver: Identity, id: string): Promise<StaffChangeApproval> {
    return approveStaffChange(this.ctx, approver, id);
  }

  rejectChange(admin: Identity, id: string, reason: string): Promise<StaffChange> {
    return rejectChange(this.ctx, STAFF_CHANGES, admin, id, {
      reason,
      check: (change) => refuseOwnAccount(change, admin.staffId, 'reject'),
    });
  }

  cancelChange(admin: Identity, id: string, reason: string | undefined): Promise<StaffChange> {
    return cancelChange(this.ctx, STAFF_CHANGES, admin, id, reason);
  }
}
