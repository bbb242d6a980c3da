import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  CreateStaff,
  type CreateStaffRequest,
  DisableStaff,
  EnableStaff,
  GetStaff,
  ListStaff,
  type ListStaffQuery,
  ResetStaffPassword,
  ResetStaffSecondFactor,
  type StaffAccount,
  type StaffChange,
  type StaffPage,
  type StaffParams,
  UpdateStaff,
  type UpdateStaffRequest,
} from '@writ/contracts';
import type { Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { replyWithOutcome, Route } from '../common/index.js';
import { StaffService } from './staff.service.js';

@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Route(ListStaff)
  list(@Query({ schema: ListStaff.query }) query: ListStaffQuery): Promise<StaffPage> {
    return this.staff.list(query);
  }

  @Route(GetStaff)
  get(@Param({ schema: GetStaff.params }) params: StaffParams): Promise<StaffAccount> {
    return this.staff.get(params.id);
  }

  @Route(CreateStaff)
  create(
    @Body({ schema: CreateStaff.body }) body: CreateStaffRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.staff.create(admin, body);
  }

  /** 200 with the account when applied (new name, fewer roles); 202 with the proposal when it adds a role. */
  @Route(UpdateStaff)
  async update(
    @Param({ schema: UpdateStaff.params }) params: StaffParams,
    @Body({ schema: UpdateStaff.body }) body: UpdateStaffRequest,
    @CurrentIdentity() admin: Identity,
    @Res() res: Response,
  ): Promise<void> {
    replyWithOutcome(res, UpdateStaff, await this.staff.update(admin, params.id, body));
  }

  @Route(DisableStaff)
  disable(
    @Param({ schema: DisableStaff.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffAccount> {
    return this.staff.disable(admin, params.id);
  }

  /** 202 with the proposal; 200 with the account when there is nothing to enable. */
  @Route(EnableStaff)
  async enable(
    @Param({ schema: EnableStaff.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
    @Res() res: Response,
  ): Promise<void> {
    replyWithOutcome(res, EnableStaff, await this.staff.enable(admin, params.id));
  }

  @Route(ResetStaffSecondFactor)
  resetSecondFactor(
    @Param({ schema: ResetStaffSecondFactor.params }) params: StaffParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.staff.resetSecondFactor(admin, params.id);
  }

  @Route(ResetStaffPassword)
  resetPassword(
    // Validated for its refusal of a password (the approval generates one); nothing else is in it.
    @Param({ schema: ResetStaffPassword.params }) params: StaffParams,
    @Body({ schema: ResetStaffPassword.body }) _body: unknown,
    @CurrentIdentity() admin: Identity,
  ): Promise<StaffChange> {
    return this.staff.resetPassword(admin, params.id);
  }
}
