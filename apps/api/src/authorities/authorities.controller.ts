import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  ActivateAuthority,
  AddAuthorityChannel,
  AddAuthorityKey,
  type AuthorityDetail,
  type AuthorityKey,
  type AuthorityPage,
  CreateAuthority,
  DeleteAuthority,
  GetAuthority,
  ListAuthorities,
  type RegistryChange,
  RemoveAuthorityChannel,
  RevokeAuthorityKey,
  SuspendAuthority,
  UpdateAuthority,
} from '@writ/contracts';
import type {
  ActivateAuthorityRequest,
  AddAuthorityKeyRequest,
  AddContactChannelRequest,
  AuthorityChannelParams,
  AuthorityKeyParams,
  AuthorityListQuery,
  AuthorityParams,
  CreateAuthorityRequest,
  RevokeAuthorityKeyRequest,
  SuspendAuthorityRequest,
  UpdateAuthorityRequest,
} from '@writ/contracts';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import type { Response } from 'express';
import { replyWithOutcome, Route } from '../common/index.js';
import { AuthoritiesService } from './authorities.service.js';

@Controller()
export class AuthoritiesController {
  constructor(private readonly authorities: AuthoritiesService) {}

  @Route(ListAuthorities)
  list(@Query({ schema: ListAuthorities.query }) query: AuthorityListQuery): Promise<AuthorityPage> {
    return this.authorities.list(query);
  }

  @Route(CreateAuthority)
  create(
    @Body({ schema: CreateAuthority.body }) body: CreateAuthorityRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<AuthorityDetail> {
    return this.authorities.create(actor, body);
  }

  @Route(GetAuthority)
  get(@Param({ schema: GetAuthority.params }) params: AuthorityParams): Promise<AuthorityDetail> {
    return this.authorities.get(params.id);
  }

  /** 200 with the authority when applied (name, jurisdiction); 202 with the proposal when kind or country change. */
  @Route(UpdateAuthority)
  async update(
    @Param({ schema: UpdateAuthority.params }) params: AuthorityParams,
    @Body({ schema: UpdateAuthority.body }) body: UpdateAuthorityRequest,
    @CurrentIdentity() actor: Identity,
    @Res() res: Response,
  ): Promise<void> {
    replyWithOutcome(res, UpdateAuthority, await this.authorities.update(actor, params.id, body));
  }

  @Route(DeleteAuthority)
  remove(
    @Param({ schema: DeleteAuthority.params }) params: AuthorityParams,
    @CurrentIdentity() actor: Identity,
  ): Promise<void> {
    return this.authorities.remove(actor, params.id);
  }

  @Route(SuspendAuthority)
  suspend(
    @Param({ schema: SuspendAuthority.params }) params: AuthorityParams,
    @Body({ schema: SuspendAuthority.body }) body: SuspendAuthorityRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<AuthorityDetail> {
    return this.authorities.suspend(actor, params.id, body);
  }

  @Route(ActivateAuthority)
  activate(
    @Param({ schema: ActivateAuthority.params }) params: AuthorityParams,
    @Body({ schema: ActivateAuthority.body }) body: ActivateAuthorityRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<RegistryChange> {
    return this.authorities.activate(actor, params.id, body);
  }

  @Route(AddAuthorityChannel)
  addChannel(
    @Param({ schema: AddAuthorityChannel.params }) params: AuthorityParams,
    @Body({ schema: AddAuthorityChannel.body }) body: AddContactChannelRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<RegistryChange> {
    return this.authorities.addChannel(actor, params.id, body);
  }

  @Route(RemoveAuthorityChannel)
  removeChannel(
    @Param({ schema: RemoveAuthorityChannel.params }) params: AuthorityChannelParams,
    @CurrentIdentity() actor: Identity,
  ): Promise<void> {
    return this.authorities.removeChannel(actor, params.id, params.channelId);
  }

  @Route(AddAuthorityKey)
  addKey(
    @Param({ schema: AddAuthorityKey.params }) params: AuthorityParams,
    @Body({ schema: AddAuthorityKey.body }) body: AddAuthorityKeyRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<RegistryChange> {
    return this.authorities.addKey(actor, params.id, body);
  }

  @Route(RevokeAuthorityKey)
  revokeKey(
    @Param({ schema: RevokeAuthorityKey.params }) params: AuthorityKeyParams,
    @Body({ schema: RevokeAuthorityKey.body }) body: RevokeAuthorityKeyRequest,
    @CurrentIdentity() actor: Identity,
  ): Promise<AuthorityKey> {
    return this.authorities.revokeKey(actor, params.id, params.keyId, body);
  }
}
