import { defineRoute } from '../route.js';
import { RequestHistoryPage, RequestHistoryQuery } from './history.js';
import { TRANSITION_ROLES } from './lifecycle.js';
import {
  AcknowledgeRequest,
  AddTargets,
  CreateRequest,
  IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT,
  ListRequestsQuery,
  NotificationQueueQuery,
  RecordUserNotified,
  RemoveTargetQuery,
  RequestDetail,
  RequestIdParams,
  RequestListPage,
  RequestPage,
  SetGagOrder,
  TargetIdParams,
  TransitionRequest,
  UpdateRequest,
} from './requests.schemas.js';

// Requests as received: intake, corrections, the lifecycle, deadlines and gag orders. Every response that
// carries target values (RequestDetail) is recorded in the audit log, reads included.

const tag = 'requests';
const READERS = ['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR'] as const;
const EDITORS = ['INTAKE', 'REVIEWER'] as const;

export const CreateRequestRoute = defineRoute({
  operationId: 'createRequest',
  method: 'post',
  path: '/requests',
  summary:
    'Log a request as received. Send an Idempotency-Key header (1–200 printable ASCII characters) to make ' +
    'retries safe: the same key and body answer the first result again (header Idempotent-Replayed: true). A key ' +
    `is remembered for ${IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT} hours from its first use unless the server sets ` +
    'IDEMPOTENCY_KEY_RETENTION_HOURS (the header description gives the window of this server); after that the ' +
    'same key starts a new request.',
  tag,
  access: { roles: ['INTAKE'] },
  body: CreateRequest,
  response: RequestDetail,
  status: 201,
  idempotent: true,
  errors: ['NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
});

export const ListRequestsRoute = defineRoute({
  operationId: 'listRequests',
  method: 'get',
  path: '/requests',
  summary:
    'List requests, newest received or soonest due first, with filters, search and optional counts per status ' +
    '(cursor pagination)',
  tag,
  access: { roles: READERS },
  query: ListRequestsQuery,
  response: RequestListPage,
  errors: ['UNKNOWN_COUNTRY'],
});

export const NotificationQueueRoute = defineRoute({
  operationId: 'notificationQueue',
  method: 'get',
  path: '/requests/notification-queue',
  summary:
    'Requests whose users may now be told: delivered or closed, with targets, no gag order in force, not yet ' +
    'notified',
  tag,
  access: { roles: ['REVIEWER', 'AUDITOR'] },
  query: NotificationQueueQuery,
  response: RequestPage,
});

export const GetRequestRoute = defineRoute({
  operationId: 'getRequest',
  method: 'get',
  path: '/requests/{id}',
  summary: 'One request with its targets, categories and history (the read is audited)',
  tag,
  access: { roles: READERS },
  params: RequestIdParams,
  response: RequestDetail,
});

export const RequestHistoryRoute = defineRoute({
  operationId: 'requestHistory',
  method: 'get',
  path: '/requests/{id}/history',
  summary:
    'Every audit event about a request, its documents and its decisions, newest first (cursor pagination): who ' +
    'did what and when, with the public details the log shows. Personal identifiers stay in the auditors’ view.',
  tag,
  access: { roles: READERS },
  params: RequestIdParams,
  query: RequestHistoryQuery,
  response: RequestHistoryPage,
  errors: ['NOT_FOUND'],
});

export const UpdateRequestRoute = defineRoute({
  operationId: 'updateRequest',
  method: 'patch',
  path: '/requests/{id}',
  summary:
    'Correct a request while it is RECEIVED or IN_REVIEW; names the version it read. A court changing the gag ' +
    'order later is recorded with PUT /requests/{id}/ndo, in any status.',
  tag,
  access: { roles: EDITORS },
  params: RequestIdParams,
  body: UpdateRequest,
  response: RequestDetail,
  errors: ['NOT_EDITABLE', 'VERSION_CONFLICT'],
});

export const AddTargetsRoute = defineRoute({
  operationId: 'addTargets',
  method: 'post',
  path: '/requests/{id}/targets',
  summary:
    'Add targets while the request is editable. A target added after intake counts as named in the order only ' +
    'when the body says namedInOrder: true; left out, it is false (the policy releases nothing for such a target).',
  tag,
  access: { roles: EDITORS },
  params: RequestIdParams,
  body: AddTargets,
  response: RequestDetail,
  status: 201,
  errors: ['NOT_EDITABLE', 'VERSION_CONFLICT', 'ALREADY_EXISTS'],
});

export const RemoveTargetRoute = defineRoute({
  operationId: 'removeTarget',
  method: 'delete',
  path: '/requests/{id}/targets/{targetId}',
  summary: 'Remove a target while the request is editable (?version= names the version read); one must remain',
  tag,
  access: { roles: EDITORS },
  params: TargetIdParams,
  query: RemoveTargetQuery,
  response: RequestDetail,
  errors: ['NOT_EDITABLE', 'VERSION_CONFLICT', 'CONFLICT'],
});

export const TransitionRequestRoute = defineRoute({
  operationId: 'transitionRequest',
  method: 'post',
  path: '/requests/{id}/transitions',
  summary: 'Move a request along its lifecycle (see nextTransitions on the request for the steps and roles allowed)',
  tag,
  access: { roles: TRANSITION_ROLES },
  params: RequestIdParams,
  body: TransitionRequest,
  response: RequestDetail,
  errors: ['ILLEGAL_TRANSITION', 'VERSION_CONFLICT', 'SEPARATION_OF_DUTIES'],
});

export const AcknowledgeRequestRoute = defineRoute({
  operationId: 'acknowledgeRequest',
  method: 'post',
  path: '/requests/{id}/acknowledge',
  summary:
    'Record when receipt was acknowledged to the authority (once; the first transition out of RECEIVED also ' +
    'records it if nobody did)',
  tag,
  access: { roles: EDITORS },
  params: RequestIdParams,
  body: AcknowledgeRequest,
  response: RequestDetail,
});

export const RecordUserNotifiedRoute = defineRoute({
  operationId: 'recordUserNotified',
  method: 'post',
  path: '/requests/{id}/user-notified',
  summary: 'Record that the user was told about the request (refused while a gag order is in force)',
  tag,
  access: { roles: ['REVIEWER'] },
  params: RequestIdParams,
  body: RecordUserNotified,
  response: RequestDetail,
  errors: ['CONFLICT'],
});

export const SetGagOrderRoute = defineRoute({
  operationId: 'setGagOrder',
  method: 'put',
  path: '/requests/{id}/ndo',
  summary:
    'Record that a court imposed, extended, shortened or lifted the gag order (non-disclosure order), in any status, ' +
    'closed ones included. Replaces hasNdo and ndoEndsAt together against the version read, with the reason ' +
    '(decision and legal basis) as text. The notification queue follows: a lifted order, or one whose ndoEndsAt ' +
    'has passed, lets a delivered or closed request whose user has not been told into the queue; an extended or ' +
    'new one takes it out. A request whose user was already told stays out. Sending what is already stored ' +
    'changes nothing (no new version).',
  tag,
  access: { roles: EDITORS },
  params: RequestIdParams,
  body: SetGagOrder,
  response: RequestDetail,
  errors: ['VERSION_CONFLICT'],
});

/** In registration order: the fixed path /requests/notification-queue must come before /requests/{id}. */
export const REQUEST_ROUTES = [
  CreateRequestRoute,
  ListRequestsRoute,
  NotificationQueueRoute,
  GetRequestRoute,
  RequestHistoryRoute,
  UpdateRequestRoute,
  AddTargetsRoute,
  RemoveTargetRoute,
  TransitionRequestRoute,
  AcknowledgeRequestRoute,
  RecordUserNotifiedRoute,
  SetGagOrderRoute,
] as const;
