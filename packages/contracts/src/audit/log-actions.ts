import { z } from 'zod';
import { defineAction } from './define-action.js';

export const LOG_ACTIONS = {
  'audit.events.read': defineAction({
    subject: 'audit_event',
    summary: 'An auditor searched the full audit events; which filters were used, never their values.',
    details: z.strictObject({ count: z.number().int(), filters: z.array(z.string()) }),
  }),
  'audit.event.read': defineAction({ subject: 'audit_event', summary: 'An auditor read one full audit event.' }),
};
