// Compile-time checks of the audit vocabulary, run by `npm run typecheck` (tsconfig.tools.json): each
// `@ts-expect-error` fails the typecheck if the line below it ever compiles.
import { prepareEvent } from '../../apps/api/src/audit/prepare-event';

const actor = { system: 'types' };

// A declared action with its declared details compiles.
prepareEvent({
  actor,
  action: 'request.acknowledged',
  subjectType: 'request',
  details: { acknowledgedAt: new Date().toISOString(), version: 2 },
});

// @ts-expect-error: a misspelt action does not compile
prepareEvent({ actor, action: 'request.acknowleged', subjectType: 'request' });

prepareEvent({
  actor,
  action: 'request.acknowledged',
  subjectType: 'request',
  // @ts-expect-error: an undeclared public detail does not compile
  details: { acknowledgedAt: new Date().toISOString(), version: 2, caseNumber: 'AZ 1/26' },
});

// @ts-expect-error: an action's declared details are required
prepareEvent({ actor, action: 'request.acknowledged', subjectType: 'request' });

// @ts-expect-error: the subject type is the declared one
prepareEvent({ actor, action: 'auth.logout', subjectType: 'request' });

prepareEvent({
  actor,
  action: 'auth.token_created',
  subjectType: 'api_token',
  details: { roles: ['INTAKE'], expiresAt: new Date().toISOString() },
  // @ts-expect-error: an undeclared personal identifier does not compile
  personal: { email: 'someone@example.org' },
});
