import type { AddContactChannelRequest } from '@writ/contracts';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';

type ChannelKind = AddContactChannelRequest['kind'];

export function normaliseChannel(kind: ChannelKind, value: string): string {
  if (kind === 'PORTAL') return new URL(value).href;
  if (kind === 'POST') return value.replace(/\r\n?/g, '\n').trim();
  return value;
}

/** E-mail addresses and URLs compare without case in the parts where case does not matter. */
export function sameChannel(kind: ChannelKind, a: string, b: string): boolean {
  if (kind === 'EMAIL') return a.toLowerCase() === b.toLowerCase();
  if (kind === 'POST') return a.replace(/\s+/g, ' ').toLowerCase() === b.replace(/\s+/g, ' ').toLowerCase();
  return a === b;
}

/** Refuses a channel the authority already has (checked when proposed, and again when approved). */
export async function refuseSameChannel(tx: Tx, authorityId: string, kind: ChannelKind, value: string): Promise<void> {
  const existing = await tx.authorityContactChannel.findMany({
    where: { authorityId, kind },
    select: { value: true },
  });
  if (existing.some((channel) => sameChannel(kind, channel.value, value))) {
    throw new AppError('ALREADY_EXISTS', `This ${kind.toLowerCase()} channel is already registered for the authority.`);
  }
}
