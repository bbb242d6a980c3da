import { Injectable } from '@nestjs/common';
import type {
  AddAuthorityKeyRequest,
  AddContactChannelRequest,
  AuthorityKey,
  RegistryChange,
  RevokeAuthorityKeyRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { PrismaService } from '../database/index.js';
import { lockAuthority } from './authority-lock.js';
import { toKey } from './authority-view.js';
import { normaliseChannel, refuseSameChannel } from './channel-value.js';
import { ed25519Key, type KeyMaterial, x509Certificate } from './key-material.js';
import { RegistryChangesService } from './registry-changes.service.js';

const SUBJECT = 'authority';
/** Clocks differ a little; a verification "now" on another machine must not be refused as future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Contact channels and keys: the evidence base for verifying an order (docs/POLICY.md, "Verification"). Adding one is
 * only proposed (four eyes, registry-changes.service.ts); removing one acts at once. Values that may name a person
 * (an address, a clerk's e-mail) go into the audit log as commitments, not in clear.
 */
@Injectable()
export class AuthorityRegistryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly changes: RegistryChangesService,
  ) {}

  /** Proposed only: the channel is added when another admin approves it (apply-registry-change.ts). */
  async addChannel(authorityId: string, input: AddContactChannelRequest, actor: Identity): Promise<RegistryChange> {
    const value = normaliseChannel(input.kind, input.value);
    const verifiedAt = input.verifiedAt ? new Date(input.verifiedAt) : new Date();
    if (verifiedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new AppError('VALIDATION_FAILED', 'verifiedAt: is in the future; record when the channel was verified', {
        issues: [{ path: ['verifiedAt'], message: 'is in the future' }],
      });
    }
    return this.changes.propose(actor, async (tx) => {
      await lockAuthority(tx, authorityId);
      await refuseSameChannel(tx, authorityId, input.kind, value);
      return {
        kind: 'ADD_CHANNEL',
        authorityId,
        payload: {
          channel: { kind: input.kind, value, label: input.label ?? null, verifiedAt: verifiedAt.toISOString() },
        },
      };
    });
  }

  /** A channel that a verification used is evidence and stays; one never used can go. */
  async removeChannel(authorityId: string, channelId: string, actor: Identity): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      // Locked first: a verification recorded concurrently must either be counted here or fail its foreign key.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM authority_contact_channel WHERE id = ${channelId}::uuid AND authority_id = ${authorityId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('This contact channel');
      const uses = await tx.verification.count({ where: { contactChannelId: channelId } });
      if (uses > 0) {
        throw new AppError(
          'CONFLICT',
          `This channel was used in ${uses} verification(s) and is kept as their evidence; add the new channel alongside it.`,
          { verifications: uses },
        );
      }
      const row = await tx.authorityContactChannel.delete({ where: { id: channelId } });
      await this.audit.record(tx, {
        actor,
        action: 'authority.channel.removed',
        subjectType: SUBJECT,
        subjectId: authorityId,
        details: { channelId, kind: row.kind },
      });
    });
  }

  /** Proposed only: the key is registered when another admin approves it (apply-registry-change.ts). */
  async addKey(authorityId: string, input: AddAuthorityKeyRequest, actor: Identity): Promise<RegistryChange> {
    const key: KeyMaterial =
      input.kind === 'ED25519'
        ? ed25519Key(input.publicKey, new Date(input.validFrom), new Date(input.validTo))
        : x509Certificate(input.certificate);
    return this.changes.propose(actor, async (tx) => {
      await lockAuthority(tx, authorityId);
      const existing = await tx.authorityKey.findFirst({
        where: { authorityId, fingerprint: key.fingerprint },
        select: { id: true },
      });
      if (existing) {
        throw new AppError(
          'ALREADY_EXISTS',
          `This key (SHA-256 ${key.fingerprint}) is already registered for the authority.`,
          { keyId: existing.id },
        );
      }
      return {
        kind: 'ADD_KEY',
        authorityId,
        payload: {
          key: {
            kind: key.kind,
            material: key.material,
            fingerprint: key.fingerprint,
            validFrom: key.validFrom.toISOString(),
            validTo: key.validTo.toISOString(),
          },
        },
      };
    });
  }

  async revokeKey(
    authorityId: string,
    keyId: string,
    input: RevokeAuthorityKeyRequest,
    actor: Identity,
  ): Promise<AuthorityKey> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ revoked_at: Date | null }[]>`
        SELECT revoked_at FROM authority_key WHERE id = ${keyId}::uuid AND authority_id = ${authorityId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('This key');
      if (locked[0]!.revoked_at) {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `This key was already revoked at ${locked[0]!.revoked_at.toISOString()}.`,
        );
      }
      const row = await tx.authorityKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, {
        actor,
        action: 'authority.key.revoked',
        subjectType: SUBJECT,
        subjectId: authorityId,
        details: { keyId, fingerprint: row.fingerprint },
        personal: { reason: input.reason },
      });
      return toKey(row);
    });
  }
}
