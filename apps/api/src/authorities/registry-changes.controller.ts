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
import { AuthoritiesService } from './authorities.service.js';

@Controller()
export class RegistryChangesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Route(ListRegistryChanges)
  list(@Query({ schema: ListRegistryChanges.query }) query: ListRegistryChangesQuery): Promise<RegistryChangePage> {
    return this.authorities.listChanges(query);
  }

  @Route(GetRegistryChange)
  get(@Param({ schema: GetRegistryChange.params }) params: RegistryChangeParams): Promise<RegistryChange> {
    return this.authorities.getChange(params.id);
  }

  @Route(ApproveRegistryChange)
  approve(
    @Param({ schema: ApproveRegistryChange.params }) params: RegistryChangeParams,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChangeApproval> {
    return this.authorities.approveChange(admin, params.id);
  }

  @Route(RejectRegistryChange)
  reject(
    @Param({ schema: RejectRegistryChange.params }) params: RegistryChangeParams,
    @Body({ schema: RejectRegistryChange.body }) body: RejectRegistryChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChange> {
    return this.authorities.rejectChange(admin, params.id, body.reason);
  }

  @Route(CancelRegistryChange)
  cancel(
    @Param({ schema: CancelRegistryChange.params }) params: RegistryChangeParams,
    @Body({ schema: CancelRegistryChange.body }) body: CancelRegistryChangeRequest,
    @CurrentIdentity() admin: Identity,
  ): Promise<RegistryChange> {
    return this.authorities.cancelChange(admin, params.id, body?.reason);
  }
}
