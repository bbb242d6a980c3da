import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  ApproveStaffChange,
  CancelStaffChange,
  type CancelStaffChangeRequest,
  GetStaffChange,
  ListStaffChanges,
  type ListStaffChangesQuery,
  RejectStaffChange,
  type RejectStaffChangeRequest,
  type StaffChange,
  type StaffChangeApproval,
  type StaffChangePage,
  type StaffChangeParams,
} from '@writ/contracts';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { StaffChangesService } from './staff-changes.service.js';

@Controller()
export class StaffChangesController {
  constructor(private readonly changes: StaffChangesService) {}

  @Route(ListStaffChanges)
  list(@Query({ schema: ListStaffChanges.query }) query: ListStaffChangesQuery): Promise<StaffChangePage> {
    return this.changes.list(query);
  }

  @Route(GetStaffChange)
  get(@Param({ schema: GetStaffChange.params }) params: StaffChangeParams): Promise<StaffChange> {
    return this.changes.get(params.id);
  }

  @Route(ApproveStaffChange)
  approve(
    @Param({ schema: ApproveStaffChange.params }) params: StaffChangeParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChangeApproval> {
    return this.changes.approve(admin, params.id);
  }

  @Route(RejectStaffChange)
  reject(
    @Param({ schema: RejectStaffChange.params }) params: StaffChangeParams,
    @Body({ schema: RejectStaffChange.body }) body: RejectStaffChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.changes.reject(admin, params.id, body.reason);
  }

  @Route(CancelStaffChange)
  cancel(
    @Param({ schema: CancelStaffChange.params }) params: StaffChangeParams,
    @Body({ schema: CancelStaffChange.body }) body: CancelStaffChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.changes.cancel(admin, params.id, body?.reason);
  }
}
