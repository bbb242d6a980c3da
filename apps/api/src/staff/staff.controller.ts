import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  CreateStaff,
  type CreatedStaff,
  type CreateStaffRequest,
  DisableStaff,
  EnableStaff,
  ListStaff,
  type ListStaffQuery,
  ResetStaffPassword,
  type ResetStaffPasswordRequest,
  ResetStaffSecondFactor,
  type StaffAccount,
  type StaffPage,
  type StaffParams,
  type StaffPasswordReset,
  UpdateStaff,
  type UpdateStaffRequest,
} from '@writ/contracts';
import { CurrentIdentity } from '../auth/current-identity.decorator.js';
import type { Identity } from '../auth/identity.js';
import { Route } from '../common/route.decorator.js';
import { StaffService } from './staff.service.js';

@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Route(ListStaff)
  list(@Query({ schema: ListStaff.query }) query: ListStaffQuery): Promise<StaffPage> {
    return this.staff.list(query);
  }

  @Route(CreateStaff)
  create(
    @Body({ schema: CreateStaff.body }) body: CreateStaffRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<CreatedStaff> {
    return this.staff.create(admin, body);
  }

  @Route(UpdateStaff)
  update(
    @Param({ schema: UpdateStaff.params }) params: StaffParams,
    @Body({ schema: UpdateStaff.body }) body: UpdateStaffRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffAccount> {
    return this.staff.update(admin, params.id, body);
  }

  @Route(DisableStaff)
  disable(
    @Param({ schema: DisableStaff.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffAccount> {
    return this.staff.disable(admin, params.id);
  }

  @Route(EnableStaff)
  enable(
    @Param({ schema: EnableStaff.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffAccount> {
    return this.staff.enable(admin, params.id);
  }

  @Route(ResetStaffSecondFactor)
  resetSecondFactor(
    @Param({ schema: ResetStaffSecondFactor.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffAccount> {
    return this.staff.resetSecondFactor(admin, params.id);
  }

  @Route(ResetStaffPassword)
  resetPassword(
    @Param({ schema: ResetStaffPassword.params }) params: StaffParams,
    @Body({ schema: ResetStaffPassword.body }) body: ResetStaffPasswordRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffPasswordReset> {
    return this.staff.resetPassword(admin, params.id, body);
  }
}
