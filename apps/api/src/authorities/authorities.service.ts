import { Injectable } from '@nestjs/common';
import type {
  ActivateAuthorityRequest,
  AuthorityDetail,
  AuthorityListQuery,
  AuthorityPage,
  CreateAuthorityRequest,
  RegistryChange,
  SuspendAuthorityRequest,
  UpdateAuthorityRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound, Proposed } from '../common/index.js';
import { isForeignKeyViolation, isUniqueViolation, PrismaService, type Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { lockAuthority } from './authority-lock.js';
import { normaliseName, refuseSameName, sameName } from './authority-name.js';
import { DETAIL_INCLUDE, toAuthority, toDetail } from './authority-view.js';
import { assignedCountry } from './country.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { materialBytes } from './key-material.js';
import { type RegistryProposal, RegistryChangesService } from './registry-changes.service.js';

/** What other features need from the registry to verify an order (docs/POLICY.md, "Verification"). Plain data. */
export interface AuthorityRegistryEntry {
  id: string;
  name: string;
  kind: 'COURT' | 'PROSECUTOR' | 'POLICE' | 'ADMINISTRATIVE' | 'OTHER';
  country: string;
  jurisdiction: string;
  /** A SUSPENDED authority must not be relied on; the caller decides what that means for its step. */
  status: 'ACTIVE' | 'SUSPENDED';
  /** Keys not revoked. Their windows still apply: check them against the signing time or `at`. */
  keys: Array<{
    id: string;
    kind: 'ED25519' | 'X509';
    /** ED25519: base64 raw key. X509: PEM certificate. */
    material: string;
    /** ED25519: the raw 32-byte public key. X509: the DER certificate. */
    bytes: Uint8Array;
    fingerprint: string;
    validFrom: Date;
    validTo: Date;
  }>;
  /** The only channels an out-of-band confirmation may use. */
  channels: Array<{
    id: string;
    kind: 'EMAIL' | 'PHONE' | 'PORTAL' | 'POST';
    value: string;
    label: string | null;
    verifiedAt: Date;
  }>;
}

const SUBJECT = 'authority';

@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  /**
   * Registered at once but SUSPENDED, so nothing relies on it, with its activation proposed in the same
   * transaction: a second admin approves that (and, separately, its keys and channels) before it is trusted.
   */
  async create(input: CreateAuthorityRequest, actor: Identity): Promise<AuthorityDetail> {
    const country = assignedCountry(input.country);
    const name = normaliseName(input.name);
    const data = { name, kind: input.kind, country, jurisdiction: input.jurisdiction };
    return this.prisma
      .$transaction(async (tx) => {
        await refuseSameName(tx, country, name, null);
        const row = await tx.authority.create({ data: { ...data, status: 'SUSPENDED' }, include: DETAIL_INCLUDE });
        await this.audit.record(tx, {
          actor,
          action: 'authority.created',
          subjectType: SUBJECT,
          subjectId: row.id,
          details: { ...data, status: row.status },
        });
        await this.changes.record(tx, actor, { kind: 'ACTIVATE_AUTHORITY', authorityId: row.id, payload: {} });
        return toDetail(row);
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? sameName(country, name) : error;
      });
  }

  async list(query: AuthorityListQuery): Promise<AuthorityPage> {
    const where: Prisma.AuthorityWhereInput = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.country ? { country: assignedCountry(query.country) } : {}),
      // Prisma passes `contains` to ILIKE as is: escape its wildcards so a search is for the text typed.
      ...(query.q ? { name: { contains: query.q.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } } : {}),
    };
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.AND = [{ OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }];
    }
    const rows = await this.prisma.authority.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toAuthority),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.name, last.id) : null,
    };
  }

  async get(id: string): Promise<AuthorityDetail> {
    const row = await this.prisma.authority.findUnique({ where: { id }, include: DETAIL_INCLUDE });
    if (!row) throw notFound('This authority');
    return toDetail(row);
  }

  /**
   * Name and jurisdiction change at once. A change of kind or country decides whether an order from this authority
   * can be trusted (a police authority re-registered as a court), so the whole PATCH is then proposed instead.
   */
  async update(
    id: string,
    input: UpdateAuthorityRequest,
    actor: Identity,
  ): Promise<AuthorityDetail | Proposed<RegistryChange>> {
    const country = input.country === undefined ? undefined : assignedCountry(input.country);
    const name = input.name === undefined ? undefined : normaliseName(input.name);
    let proposal: RegistryProposal | undefined;
    return this.prisma
      .$transaction(async (tx): Promise<AuthorityDetail | Proposed<RegistryChange>> => {
        const current = await lockAuthority(tx, id);
        if (current.version !== input.version) throw versionConflict(current.version);
        const wanted = { name, kind: input.kind, country, jurisdiction: input.jurisdiction };
        const changes: Record<string, { from: string; to: string }> = {};
        for (const [field, value] of Object.entries(wanted) as [keyof typeof wanted, string | undefined][]) {
          if (value !== undefined && value !== current[field]) changes[field] = { from: current[field], to: value };
        }
        if (Object.keys(changes).length === 0) return this.detail(tx, id);
        if (changes.name || changes.country)
          await refuseSameName(tx, country ?? current.country, name ?? current.name, id);
        if (changes.kind || changes.country) {
          proposal = {
            kind: 'UPDATE_AUTHORITY',
            authorityId: id,
            targetVersion: current.version,
            payload: Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])),
          };
          return new Proposed(await this.changes.record(tx, actor, proposal));
        }
        await tx.authority.update({
          where: { id },
          data: {
            ...Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])),
            version: { increment: 1 },
          },
        });
        await this.audit.record(tx, {
          actor,
          action: 'authority.updated',
          subjectType: SUBJECT,
          subjectId: id,
          details: { version: current.version + 1, changes },
        });
        return this.detail(tx, id);
      })
      .catch(async (error: unknown) => {
        const pending = await this.changes.pendingConflict(error, proposal);
        if (pending) throw pending;
        throw isUniqueViolation(error) ? sameName(country ?? '', name ?? '') : error;
      });
  }

  /** Takes trust away, so it acts at once. */
  suspend(id: string, input: SuspendAuthorityRequest, actor: Identity): Promise<AuthorityDetail> {
    return this.changeStatus(id, 'SUSPENDED', input.reason, actor);
  }

  /** Restores trust, so it is only proposed; another admin's approval activates the authority. */
  activate(id: string, input: ActivateAuthorityRequest, actor: Identity): Promise<RegistryChange> {
    return this.changes.propose(actor, async (tx) => {
      const current = await lockAuthority(tx, id);
      if (current.status === 'ACTIVE') throw new AppError('ILLEGAL_TRANSITION', 'This authority is already active.');
      return { kind: 'ACTIVATE_AUTHORITY', authorityId: id, payload: input.reason ? { reason: input.reason } : {} };
    });
  }

  /** Only an authority no request refers to can go: requests and reports must keep their issuer. */
  async remove(id: string, actor: Identity): Promise<void> {
    await this.prisma
      .$transaction(async (tx) => {
        // The row lock makes a concurrent intake for this authority wait for us (its foreign key needs the row).
        const current = await lockAuthority(tx, id);
        const requests = await tx.request.count({ where: { authorityId: id } });
        if (requests > 0) {
          throw new AppError(
            'CONFLICT',
            `${requests} request(s) refer to this authority, so it cannot be deleted; suspend it instead.`,
            { requests },
          );
        }
        const evidence = await tx.verification.count({ where: { contactChannel: { authorityId: id } } });
        if (evidence > 0) {
          throw new AppError('CONFLICT', 'Its contact channels are evidence in verifications; suspend it instead.');
        }
        await tx.authority.delete({ where: { id } });
        await this.audit.record(tx, {
          actor,
          action: 'authority.deleted',
          subjectType: SUBJECT,
          subjectId: id,
          details: { name: current.name, kind: current.kind, country: current.country },
        });
      })
      .catch((error: unknown) => {
        if (isForeignKeyViolation(error)) {
          throw new AppError('CONFLICT', 'A request now refers to this authority; suspend it instead.');
        }
        throw error;
      });
  }

  /**
   * The registry entry other features verify against: the authority, its keys that are not revoked, and its
   * contact channels. Pass `tx` to read inside your own transaction; pass `at` to keep only keys whose
   * validity window contains that instant (e.g. the time an order was signed).
   */
  async registryFor(authorityId: string, options: { tx?: Tx; at?: Date } = {}): Promise<AuthorityRegistryEntry> {
    const db = options.tx ?? this.prisma;
    const at = options.at;
    const row = await db.authority.findUnique({
      where: { id: authorityId },
      include: {
        contactChannels: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        keys: {
          where: { revokedAt: null, ...(at ? { validFrom: { lte: at }, validTo: { gte: at } } : {}) },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
      },
    });
    if (!row) throw notFound('This authority');
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      country: row.country,
      jurisdiction: row.jurisdiction,
      status: row.status,
      keys: row.keys.map((key) => ({
        id: key.id,
        kind: key.kind,
        material: key.material,
        bytes: materialBytes(key.kind, key.material),
        fingerprint: key.fingerprint,
        validFrom: key.validFrom,
        validTo: key.validTo,
      })),
      channels: row.contactChannels.map((channel) => ({
        id: channel.id,
        kind: channel.kind,
        value: channel.value,
        label: channel.label,
        verifiedAt: channel.verifiedAt,
      })),
    };
  }

  private async changeStatus(
    id: string,
    status: 'SUSPENDED',
    reason: string | undefined,
    actor: Identity,
  ): Promise<AuthorityDetail> {
    return this.prisma.$transaction(async (tx) => {
      const current = await lockAuthority(tx, id);
      if (current.status === status) throw new AppError('ILLEGAL_TRANSITION', 'This authority is already suspended.');
      await tx.authority.update({ where: { id }, data: { status, version: { increment: 1 } } });
      await this.audit.record(tx, {
        actor,
        action: 'authority.suspended',
        subjectType: SUBJECT,
        subjectId: id,
        details: { from: current.status, to: status, version: current.version + 1 },
        ...(reason ? { personal: { reason } } : {}),
      });
      return this.detail(tx, id);
    });
  }

  private async detail(tx: Tx, id: string): Promise<AuthorityDetail> {
    return toDetail(await tx.authority.findUniqueOrThrow({ where: { id }, include: DETAIL_INCLUDE }));
  }
}

function versionConflict(current: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `Someone changed this authority since you read it (now version ${current}); reload it and apply your change again.`,
    { currentVersion: current },
  );
}
