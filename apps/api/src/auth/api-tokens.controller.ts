import { Body, Controller, Param } from '@nestjs/common';
import {
  type ApiTokenList,
  type ApiTokenParams,
  type CreateApiTokenRequest,
  CreateApiToken,
  type CreatedApiToken,
  ListApiTokens,
  RevokeApiToken,
} from '@writ/contracts';
import { Route } from '../common/index.js';
import { ApiTokensService } from './api-tokens.service.js';
import { CurrentIdentity } from './current-identity.decorator.js';
import type { Identity } from './identity.js';

@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Route(CreateApiToken)
  create(
    @Body({ schema: CreateApiToken.body }) body: CreateApiTokenRequest,
    @CurrentIdentity() identity: Identity,
  ): Promise<CreatedApiToken> {
    return this.tokens.create(identity, body);
  }

  @Route(ListApiTokens)
  list(@CurrentIdentity() identity: Identity): Promise<ApiTokenList> {
    return this.tokens.list(identity);
  }

  @Route(RevokeApiToken)
  revoke(
    @Param({ schema: RevokeApiToken.params }) params: ApiTokenParams,
    @CurrentIdentity() identity: Identity,
  ): Promise<void> {
    return this.tokens.revoke(identity, params.id);
  }
}
