import type { RegistryChangeKind, RegistryChangeStatus } from '@writ/contracts';

// Words for registry changes, shared by the server pages and the client components that act on them.

export const CHANGE_KIND_LABEL: Record<RegistryChangeKind, string> = {
  ADD_KEY: 'New key or certificate',
  ADD_CHANNEL: 'New contact channel',
  UPDATE_AUTHORITY: 'Change of kind or country',
  ACTIVATE_AUTHORITY: 'Activation',
};

export const CHANGE_STATUS_LABEL: Record<RegistryChangeStatus, string> = {
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};
