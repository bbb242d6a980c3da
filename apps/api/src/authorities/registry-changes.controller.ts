import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  ApproveRegistryChange,
  CancelRegistryChange,
  type CancelRegistryChangeRequest,
  GetRegistryChange,
  ListRegistryChanges,
  type ListRegistryChangesQuery,
  RejectRegistryChange,
  type RejectRegistryChangeRequest,
  type RegistryChange,
  type RegistryChangeApproval,
  type RegistryChangePage,
  type RegistryChangeParams,
} from '@writ/contracts';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { RegistryChangesService } from './registry-changes.service.js';

@Controller()
export class RegistryChangesController {
  constructor(private readonly changes: RegistryChangesService) {}

  @Route(ListRegistryChanges)
  list(@Query({ schema: ListRegistryChanges.query }) query: ListRegistryChangesQuery): Promise<RegistryChangePage> {
    return this.changes.list(query);
  }

  @Route(GetRegistryChange)
  get(@Param({ schema: GetRegistryChange.params }) params: RegistryChangeParams): Promise<RegistryChange> {
    return this.changes.get(params.id);
  }

  @Route(ApproveRegistryChange)
  approve(
    @Param({ schema: ApproveRegistryChange.params }) params: RegistryChangeParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChangeApproval> {
    return this.changes.approve(admin, params.id);
  }

  @Route(RejectRegistryChange)
  reject(
    @Param({ schema: RejectRegistryChange.params }) params: RegistryChangeParams,
    @Body({ schema: RejectRegistryChange.body }) body: RejectRegistryChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChange> {
    return this.changes.reject(admin, params.id, body.reason);
  }

  @Route(CancelRegistryChange)
  cancel(
    @Param({ schema: CancelRegistryChange.params }) params: RegistryChangeParams,
    @Body({ schema: CancelRegistryChange.body }) body: CancelRegistryChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChange> {
    return this.changes.cancel(admin, params.id, body?.reason);
  }
}
