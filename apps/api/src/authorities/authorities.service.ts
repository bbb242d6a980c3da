import { Inject, Injectable } from '@nestjs/common';
import type {
  ActivateAuthorityRequest,
  AddAuthorityKeyRequest,
  AddContactChannelRequest,
  AuthorityDetail,
  AuthorityKey,
  AuthorityListQuery,
  AuthorityPage,
  CreateAuthorityRequest,
  ListRegistryChangesQuery,
  RegistryChange,
  RegistryChangeApproval,
  RegistryChangePage,
  RevokeAuthorityKeyRequest,
  SuspendAuthorityRequest,
  UpdateAuthorityRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Proposed } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import { cancelChange, listChanges, readChange, rejectChange } from '../four-eyes/index.js';
import { proposeChannel } from './add-channel.js';
import { proposeKey } from './add-key.js';
import { approveRegistryChange } from './approve-registry-change.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { createAuthority } from './create-authority.js';
import { deleteAuthority } from './delete-authority.js';
import { listAuthorities } from './list-authorities.js';
import { proposeActivation } from './propose-activation.js';
import { readAuthority } from './read-authority.js';
import { type AuthorityRegistryEntry, readRegistryEntry } from './read-registry-entry.js';
import { REGISTRY_CHANGES } from './registry-change-table.js';
import { removeChannel } from './remove-channel.js';
import { revokeKey } from './revoke-key.js';
import { suspendAuthority } from './suspend-authority.js';
import { updateAuthority } from './update-authority.js';

/**
 * The authority registry, the root of trust for verifying an order; each operation is its own file. What takes
 * trust away acts at once; what adds or widens it (a key, a channel, a kind/country change, an activation) is
 * proposed and applied only when a different admin approves it (four-eyes/, apply-registry-change.ts). The
 * database holds the same line (prisma/migrations/*_registry_change_four_eyes): a decider who is not the proposer,
 * decided changes final, and no key, channel, kind/country change or activation without a change approved in the
 * same transaction. Values that may name a person (an address, a clerk's e-mail) reach the log as commitments.
 */
@Injectable()
export class AuthoritiesService {
  private readonly ctx: AuthoritiesContext;

  constructor(prisma: PrismaService, audit: AuditService, @Inject(ENV) env: Env) {
    this.ctx = { prisma, audit, changeTtlMs: env.REGISTRY_CHANGE_TTL_HOURS * 3_600_000 };
  }

  create(actor: Identity, input: CreateAuthorityRequest): Promise<AuthorityDetail> {
    return createAuthority(this.ctx, actor, input);
  }

  list(query: AuthorityListQuery): Promise<AuthorityPage> {
    return listAuthorities(this.ctx.prisma, query);
  }

  get(id: string): Promise<AuthorityDetail> {
    return readAuthority(this.ctx.prisma, id);
  }

  update(
    actor: Identity,
    id: string,
    input: UpdateAuthorityRequest,
  ): Promise<AuthorityDetail | Proposed<RegistryChange>> {
    return updateAuthority(this.ctx, actor, id, input);
  }

  suspend(actor: Identity, id: string, input: SuspendAuthorityRequest): Promise<AuthorityDetail> {
    return suspendAuthority(this.ctx, actor, id, input);
  }

  activate(actor: Identity, id: string, input: ActivateAuthorityRequest): Promise<RegistryChange> {
    return proposeActivation(this.ctx, actor, id, input);
  }

  remove(actor: Identity, id: string): Promise<void> {
    return deleteAuthority(this.ctx, actor, id);
  }

  addChannel(actor: Identity, authorityId: string, input: AddContactChannelRequest): Promise<RegistryChange> {
    return proposeChannel(this.ctx, actor, authorityId, input);
  }

  removeChannel(actor: Identity, authorityId: string, channelId: string): Promise<void> {
    return removeChannel(this.ctx, actor, authorityId, channelId);
  }

  addKey(actor: Identity, authorityId: string, input: AddAuthorityKeyRequest): Promise<RegistryChange> {
    return proposeKey(this.ctx, actor, authorityId, input);
  }

  revokeKey(
    actor: Identity,
    authorityId: string,
    keyId: string,
    input: RevokeAuthorityKeyRequest,
  ): Promise<AuthorityKey> {
    return revokeKey(this.ctx, actor, authorityId, keyId, input);
  }

  /** For other features (verification): see readRegistryEntry. */
  registryFor(authorityId: string, options: { tx?: Tx; at?: Date } = {}): Promise<AuthorityRegistryEntry> {
    return readRegistryEntry(options.tx ?? this.ctx.prisma, authorityId, options.at);
  }

  listChanges(query: ListRegistryChangesQuery): Promise<RegistryChangePage> {
    const { kind, authorityId, status, cursor, limit } = query;
    return listChanges(this.ctx.prisma, REGISTRY_CHANGES, { filter: { kind, authorityId }, status, cursor, limit });
  }

  getChange(id: string): Promise<RegistryChange> {
    return readChange(this.ctx.prisma, REGISTRY_CHANGES, id);
  }

  approveChange(approver: Identity, id: string): Promise<RegistryChangeApproval> {
    return approveRegistryChange(this.ctx, approver, id);
  }

  rejectChange(admin: Identity, id: string, reason: string): Promise<RegistryChange> {
    return rejectChange(this.ctx, REGISTRY_CHANGES, admin, id, { reason });
  }

  cancelChange(admin: Identity, id: string, reason: string | undefined): Promise<RegistryChange> {
    return cancelChange(this.ctx, REGISTRY_CHANGES, admin, id, reason);
  }
}
