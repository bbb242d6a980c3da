import type { RegistryChangeProposal } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { isUniqueViolation, type Tx } from '../database/index.js';
import type { RegistryChange as RegistryChangeRow } from '../generated/prisma/client.js';
import { diffAuthority, newValues } from './authority-diff.js';
import { refuseSameName } from './authority-name.js';
import { lockAuthority } from './authority-lock.js';
import { refuseSameChannel } from './channel-value.js';
import { aboutAuthority } from './about-authority.js';

/**
 * Applies an approved registry change, in the approving transaction (after the change row is marked APPROVED:
 * the database's triggers accept a key, a channel, a kind/country change or an activation only then). Everything
 * is checked again against the authority as it is now. Each application writes the same audit event the direct
 * write used to, naming the change and its approver.
 */
export async function applyRegistryChange(
  tx: Tx,
  audit: AuditService,
  change: RegistryChangeRow,
  approver: Identity,
): Promise<void> {
  const payload = change.payload as RegistryChangeProposal;
  const authorityId = change.authorityId;
  const current = await lockAuthority(tx, authorityId);
  const provenance = { registryChangeId: change.id, proposedBy: change.proposedById };
  switch (change.kind) {
    case 'ADD_KEY': {
      const key = payload.key!;
      const row = await tx.authorityKey
        .create({
          data: {
            authorityId,
            kind: key.kind,
            material: key.material,
            fingerprint: key.fingerprint,
            validFrom: new Date(key.validFrom),
            validTo: new Date(key.validTo),
            registryChangeId: change.id,
          },
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw new AppError(
              'ALREADY_EXISTS',
              `This key (SHA-256 ${key.fingerprint}) is already registered for the authority; reject this change.`,
            );
          }
          throw error;
        });
      await audit.record(tx, {
        actor: approver,
        action: 'authority.key.added',
        ...aboutAuthority(authorityId),
        details: {
          keyId: row.id,
          kind: row.kind,
          fingerprint: row.fingerprint,
          validFrom: row.validFrom.toISOString(),
          validTo: row.validTo.toISOString(),
          ...provenance,
        },
      });
      return;
    }
    case 'ADD_CHANNEL': {
      const channel = payload.channel!;
      await refuseSameChannel(tx, authorityId, channel.kind, channel.value);
      const row = await tx.authorityContactChannel.create({
        data: {
          authorityId,
          kind: channel.kind,
          value: channel.value,
          label: channel.label,
          verifiedAt: new Date(channel.verifiedAt),
          registryChangeId: change.id,
        },
      });
      await audit.record(tx, {
        actor: approver,
        action: 'authority.channel.added',
        ...aboutAuthority(authorityId),
        details: { channelId: row.id, kind: row.kind, verifiedAt: row.verifiedAt.toISOString(), ...provenance },
        personal: { value: row.value, ...(row.label ? { label: row.label } : {}) },
      });
      return;
    }
    case 'UPDATE_AUTHORITY': {
      if (current.version !== change.targetVersion) {
        throw new AppError(
          'REGISTRY_CHANGE_STALE',
          `The authority changed since this was proposed (version ${change.targetVersion}, now ${current.version}); ` +
            'reject it and propose the change again from the authority as it is now.',
          { currentVersion: current.version },
        );
      }
      const { name, kind, country, jurisdiction } = payload;
      const changes = diffAuthority(current, { name, kind, country, jurisdiction });
      if (changes.name || changes.country) {
        await refuseSameName(tx, country ?? current.country, name ?? current.name, authorityId);
      }
      await tx.authority.update({
        where: { id: authorityId },
        data: { ...newValues(changes), version: { increment: 1 } },
      });
      await audit.record(tx, {
        actor: approver,
        action: 'authority.updated',
        ...aboutAuthority(authorityId),
        details: { version: current.version + 1, changes, ...provenance },
      });
      return;
    }
    case 'ACTIVATE_AUTHORITY': {
      if (current.status === 'ACTIVE') {
        throw new AppError('ILLEGAL_TRANSITION', 'This authority is already active; reject this change.');
      }
      await tx.authority.update({ where: { id: authorityId }, data: { status: 'ACTIVE', version: { increment: 1 } } });
      await audit.record(tx, {
        actor: approver,
        action: 'authority.activated',
        ...aboutAuthority(authorityId),
        details: { from: current.status, to: 'ACTIVE', version: current.version + 1, ...provenance },
        ...(payload.reason ? { personal: { reason: payload.reason } } : {}),
      });
      return;
    }
  }
}
