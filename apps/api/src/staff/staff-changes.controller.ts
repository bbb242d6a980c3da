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
import { StaffService } from './staff.service.js';

@Controller()
export class StaffChangesController {
  constructor(private readonly staff: StaffService) {}

  @Route(ListStaffChanges)
  list(@Query({ schema: ListStaffChanges.query }) query: ListStaffChangesQuery): Promise<StaffChangePage> {
    return this.staff.listChanges(query);
  }

  @Route(GetStaffChange)
  get(@Param({ schema: GetStaffChange.params }) params: StaffChangeParams): Promise<StaffChange> {
    return this.staff.getChange(params.id);
  }

  @Route(ApproveStaffChange)
  approve(
    @Param({ schema: ApproveStaffChange.params }) params: StaffChangeParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChangeApproval> {
    return this.staff.approveChange(admin, params.id);
  }

  @Route(RejectStaffChange)
  reject(
    @Param({ schema: RejectStaffChange.params }) params: StaffChangeParams,
    @Body({ schema: RejectStaffChange.body }) body: RejectStaffChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.staff.rejectChange(admin, params.id, body.reason);
  }

  @Route(CancelStaffChange)
  cancel(
    @Param({ schema: CancelStaffChange.params }) params: StaffChangeParams,
    @Body({ schema: CancelStaffChange.body }) body: CancelStaffChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.staff.cancelChange(admin, params.id, body?.reason);
  }
}
