import { z } from 'zod';
import { LookupResult, ReleasableCategory, SelectorType } from '../domain.js';
import { Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';

// Disclosure packages (POLICY.md): the stored RELEASE decisions of a request turned into the files an authority
// receives — data.json, data.csv and a manifest signed as a C2SP signed note — approved by a second person and
// delivered once, by a one-time link or a staff export.

const tag = 'disclosures';
const READERS = ['REVIEWER', 'APPROVER', 'AUDITOR'] as const;

/** EXPIRED: approved, but its download link ran out unused; the files are deleted and the request went back to DECIDED. */
export const DisclosureStatus = z.enum(['PREPARED', 'APPROVED', 'REJECTED', 'DELIVERED', 'EXPIRED']);
export type DisclosureStatus = z.infer<typeof DisclosureStatus>;

export const DeliveryChannel = z.enum(['LINK', 'EXPORT']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/** The names of the files in a package, besides the manifest. */
export const PACKAGE_DATA_FILES = ['data.json', 'data.csv'] as const;
export const PACKAGE_MANIFEST_FILE = 'manifest.note';
export const MANIFEST_FORMAT = 'writ-disclosure/1';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** One released value as it appears in data.json (and, column for column, in data.csv). Nothing else fits. */
export const PackageItem = z.strictObject({
  decisionId: z.uuid(),
  targetId: z.uuid(),
  category: ReleasableCategory,
  /** An IP address, or an E.164 phone number. */
  value: z.string(),
  /** When the connection was made (IP_ADDRESS); null for a phone number. */
  observedAt: z.iso.datetime().nullable(),
});
export type PackageItem = z.infer<typeof PackageItem>;

export const PACKAGE_CSV_HEADER = 'decision_id,target_id,category,value,observed_at';

/** The signed text of a package: what it holds, from which decisions, under which policy, with each file's hash. */
export const DisclosureManifest = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  disclosureId: z.uuid(),
  requestId: z.uuid(),
  reference: z.string(),
  caseNumber: z.string().nullable(),
  policyHash: z.string(),
  preparedAt: z.iso.datetime(),
  decisions: z.array(
    z.strictObject({
      id: z.uuid(),
      targetId: z.uuid(),
      category: ReleasableCategory,
      /** IP_ADDRESS: the window connections were taken from (both ends included); null for PHONE_NUMBER. */
      window: z.strictObject({ start: z.iso.datetime(), end: z.iso.datetime() }).nullable(),
    }),
  ),
  targets: z.array(
    z.strictObject({
      id: z.uuid(),
      selectorType: SelectorType,
      value: z.string(),
      /** NOT_FOUND: the platform has no such account, so nothing is released for it. */
      lookupResult: LookupResult,
      items: z.strictObject({ IP_ADDRESS: z.int().nonnegative(), PHONE_NUMBER: z.int().nonnegative() }),
    }),
  ),
  items: z.strictObject({ IP_ADDRESS: z.int().nonnegative(), PHONE_NUMBER: z.int().nonnegative() }),
  files: z.array(z.strictObject({ name: z.enum(PACKAGE_DATA_FILES), size: z.int().nonnegative(), sha256: Sha256Hex })),
});
export type DisclosureManifest = z.infer<typeof DisclosureManifest>;

export const DisclosureView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  status: DisclosureStatus,
  manifest: DisclosureManifest,
  /** SHA-256 of the manifest text that was signed (also in the disclosure.prepared audit event). */
  manifestSha256: Sha256Hex,
  /** The signed note, as it is in the package (manifest.note). */
  signedManifest: z.string(),
  /** The signed-note verifier key that checks it (`writ-verify package --key`). */
  verifierKey: z.string(),
  preparedById: z.uuid(),
  preparedAt: z.iso.datetime(),
  approvedById: z.uuid().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  rejectedById: z.uuid().nullable(),
  rejectedAt: z.iso.datetime().nullable(),
  rejectionReason: z.string().nullable(),
  linkCreatedAt: z.iso.datetime().nullable(),
  downloadExpiresAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  deliveredVia: DeliveryChannel.nullable(),
  /** The encrypted files are gone (downloaded once, or expired); the record and the released items stay. */
  filesDeleted: z.boolean(),
});
export type DisclosureView = z.infer<typeof DisclosureView>;

export const DisclosureList = z.object({ items: z.array(DisclosureView) });
export type DisclosureList = z.infer<typeof DisclosureList>;

export const DownloadLink = z.object({
  disclosureId: z.uuid(),
  /** Path of the public download, holding the one-time token; shown once, stored only as a hash. */
  path: z.string(),
  token: z.string(),
  expiresAt: z.iso.datetime(),
});
export type DownloadLink = z.infer<typeof DownloadLink>;

/**
 * What a one-time link is, shown before anything is downloaded (GET and HEAD never consume it, so a mail scanner
 * that follows the link does no harm): the request, the files and their sizes, when it expires, and whether it
 * still works. Nothing in it is a released value.
 */
export const PackageLinkInfo = z.object({
  reference: z.string(),
  caseNumber: z.string().nullable(),
  /** READY: one POST delivers it. DELIVERED: already downloaded. EXPIRED: ran out unused. REVOKED: withdrawn. */
  state: z.enum(['READY', 'DELIVERED', 'EXPIRED', 'REVOKED']),
  usable: z.boolean(),
  expiresAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  files: z.array(z.strictObject({ name: z.string(), size: z.int().nonnegative(), sha256: Sha256Hex.nullable() })),
  /** The sum of the files' sizes in bytes (the zip is about this size). */
  totalSize: z.int().nonnegative(),
  items: z.strictObject({ IP_ADDRESS: z.int().nonnegative(), PHONE_NUMBER: z.int().nonnegative() }),
  /** The verifier key that checks the manifest (`writ-verify package --key`). */
  verifierKey: z.string(),
});
export type PackageLinkInfo = z.infer<typeof PackageLinkInfo>;

export const RejectDisclosure = z.strictObject({
  reason: z.string().trim().min(1, 'say why the package is rejected').max(2000),
});
export type RejectDisclosure = z.infer<typeof RejectDisclosure>;

const RequestParams = z.strictObject({ id: Uuid });
const DisclosureParams = z.strictObject({ id: Uuid });
/** `<disclosure id>.<43 base64url characters>`; anything else names no link. */
export const DownloadToken = z.string().max(200);
const TokenParams = z.strictObject({ token: DownloadToken });

export const PrepareDisclosureRoute = defineRoute({
  operationId: 'prepareDisclosure',
  method: 'post',
  path: '/requests/{id}/disclosures',
  summary:
    'Prepare the package of a DECIDED request from its stored RELEASE decisions only: the phone number of each ' +
    "released account and its connections inside the decision's window, as data.json and data.csv (encrypted at " +
    'rest) with a signed manifest; every value becomes a released item. Moves the request to DISCLOSURE_PREPARED',
  tag,
  access: { roles: ['REVIEWER'] },
  params: RequestParams,
  response: DisclosureView,
  status: 201,
  errors: ['NOTHING_TO_RELEASE', 'ALREADY_EXISTS', 'ILLEGAL_TRANSITION', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'],
});

export const ListDisclosuresRoute = defineRoute({
  operationId: 'listDisclosures',
  method: 'get',
  path: '/requests/{id}/disclosures',
  summary: "A request's disclosure packages, newest first (the rejected ones too)",
  tag,
  access: { roles: READERS },
  params: RequestParams,
  response: DisclosureList,
  errors: ['NOT_FOUND'],
});

export const ApproveDisclosureRoute = defineRoute({
  operationId: 'approveDisclosure',
  method: 'post',
  path: '/disclosures/{id}/approve',
  summary: 'Approve a prepared package (never one you prepared): it becomes deliverable; the request moves to APPROVED',
  tag,
  access: { roles: ['APPROVER'] },
  params: DisclosureParams,
  response: DisclosureView,
  errors: ['SEPARATION_OF_DUTIES', 'DISCLOSURE_NOT_PENDING', 'NOT_FOUND'],
});

export const RejectDisclosureRoute = defineRoute({
  operationId: 'rejectDisclosure',
  method: 'post',
  path: '/disclosures/{id}/reject',
  summary:
    'Reject a prepared package with a reason (never one you prepared): its files are deleted and the request goes ' +
    'back to DECIDED, where a new package can be prepared',
  tag,
  access: { roles: ['APPROVER'] },
  params: DisclosureParams,
  body: RejectDisclosure,
  response: DisclosureView,
  errors: ['SEPARATION_OF_DUTIES', 'DISCLOSURE_NOT_PENDING', 'NOT_FOUND'],
});

export const CreateDownloadLinkRoute = defineRoute({
  operationId: 'createDownloadLink',
  method: 'post',
  path: '/disclosures/{id}/link',
  summary:
    'A one-time download link for the authority (no account needed), valid DISCLOSURE_LINK_TTL_HOURS; the token ' +
    'is shown once. A new link replaces an unused one',
  tag,
  access: { roles: ['REVIEWER', 'APPROVER'] },
  params: DisclosureParams,
  response: DownloadLink,
  status: 201,
  errors: ['DISCLOSURE_NOT_APPROVED', 'DOWNLOAD_GONE', 'NOT_FOUND'],
});

export const DescribeDownloadRoute = defineRoute({
  operationId: 'describeDownload',
  method: 'get',
  path: '/disclosure-downloads/{token}',
  summary:
    'What a one-time link holds (request reference, files, sizes, expiry, whether it still works), without using ' +
    'it: GET and HEAD never consume the link. Rate-limited per client address',
  tag,
  access: { public: true },
  params: TokenParams,
  response: PackageLinkInfo,
  errors: ['NOT_FOUND', 'RATE_LIMITED'],
});

export const DownloadPackageRoute = defineRoute({
  operationId: 'downloadPackage',
  method: 'post',
  path: '/disclosure-downloads/{token}',
  summary:
    'The package as one zip (manifest.note, data.json, data.csv), once: the first POST delivers it and deletes ' +
    'the files; afterwards, and after expiry, 410. Rate-limited per client address',
  tag,
  access: { public: true },
  params: TokenParams,
  status: 200,
  produces: 'application/octet-stream',
  errors: ['NOT_FOUND', 'DOWNLOAD_GONE', 'DOWNLOAD_LINK_REVOKED', 'RATE_LIMITED'],
});

export const ExportPackageRoute = defineRoute({
  operationId: 'exportPackage',
  // POST, not GET: it changes state (delivers, deletes the files), so no prefetch, crawler or link preview may
  // trigger it, and it needs the session's CSRF token like every other write.
  method: 'post',
  path: '/disclosures/{id}/export',
  summary:
    "The same zip, for a staff member to send by the authority's registered channel; like the link, once: it " +
    'delivers the package and deletes the files',
  tag,
  access: { roles: ['REVIEWER', 'APPROVER'] },
  params: DisclosureParams,
  status: 200,
  produces: 'application/octet-stream',
  errors: ['DISCLOSURE_NOT_APPROVED', 'DOWNLOAD_GONE', 'NOT_FOUND'],
});

export const GetDisclosureKeyRoute = defineRoute({
  operationId: 'getDisclosureKey',
  method: 'get',
  path: '/disclosures/verifier-key',
  summary: 'The signed-note verifier key that checks package manifests (pin it; `writ-verify package --key`)',
  tag,
  access: { public: true },
  produces: 'text/plain',
});

export const DISCLOSURE_ROUTES = [
  PrepareDisclosureRoute,
  ListDisclosuresRoute,
  ApproveDisclosureRoute,
  RejectDisclosureRoute,
  CreateDownloadLinkRoute,
  DescribeDownloadRoute,
  DownloadPackageRoute,
  ExportPackageRoute,
  GetDisclosureKeyRoute,
] as const;
