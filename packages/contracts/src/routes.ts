import type { RouteContract } from './route.js';
import {
  ActivateAuthority,
  CreateAuthority,
  DeleteAuthority,
  GetAuthority,
  ListAuthorities,
  SuspendAuthority,
  UpdateAuthority,
} from './authorities/authorities.contract.js';
import {
  AddAuthorityChannel,
  AddAuthorityKey,
  RemoveAuthorityChannel,
  RevokeAuthorityKey,
} from './authorities/authority-registry.contract.js';
import {
  DownloadDocument,
  DownloadDocumentSignature,
  ListRequestDocuments,
  UploadDocument,
} from './documents/documents.contract.js';
import { REGISTRY_CHANGE_ROUTES } from './authorities/registry-changes.contract.js';
import { GetHealth } from './health/health.contract.js';
import { REQUEST_ROUTES } from './requests/requests.contract.js';
import { VERIFICATION_ROUTES } from './verification/verification.contract.js';
import { DECISION_ROUTES } from './decisions/decisions.contract.js';
import { DISCLOSURE_ROUTES } from './disclosures/disclosures.contract.js';
import { LOG_ROUTES } from './log/log.contract.js';
import { GetPolicy } from './policy/policy.contract.js';
import { CreateApiToken, ListApiTokens, RevokeApiToken } from './auth/api-tokens.contract.js';
import {
  ChangePassword,
  ConfirmTotpEnrolment,
  GetMe,
  Login,
  Logout,
  StartTotpEnrolment,
  VerifySecondFactor,
} from './auth/auth.contract.js';
import {
  CreateStaff,
  DisableStaff,
  EnableStaff,
  GetStaff,
  ListStaff,
  ResetStaffPassword,
  ResetStaffSecondFactor,
  UpdateStaff,
} from './staff/staff.contract.js';
import { STAFF_CHANGE_ROUTES } from './staff/staff-changes.contract.js';
import { REPORT_ROUTES } from './reports/reports.contract.js';
import { CANARY_ROUTES } from './reports/canary.contract.js';

/** Every route of the API. The OpenAPI document and the role-matrix test are generated from this list. */
export const ROUTES: readonly RouteContract[] = [
  GetHealth,
  GetPolicy,
  ...LOG_ROUTES,
  Login,
  VerifySecondFactor,
  StartTotpEnrolment,
  ConfirmTotpEnrolment,
  GetMe,
  ChangePassword,
  Logout,
  CreateApiToken,
  ListApiTokens,
  RevokeApiToken,
  ListStaff,
  GetStaff,
  CreateStaff,
  UpdateStaff,
  DisableStaff,
  EnableStaff,
  ResetStaffSecondFactor,
  ResetStaffPassword,
  ...STAFF_CHANGE_ROUTES,
  ListAuthorities,
  CreateAuthority,
  GetAuthority,
  UpdateAuthority,
  DeleteAuthority,
  SuspendAuthority,
  ActivateAuthority,
  AddAuthorityChannel,
  RemoveAuthorityChannel,
  AddAuthorityKey,
  RevokeAuthorityKey,
  ...REGISTRY_CHANGE_ROUTES,
  ListRequestDocuments,
  UploadDocument,
  DownloadDocument,
  DownloadDocumentSignature,
  ...REQUEST_ROUTES,
  ...VERIFICATION_ROUTES,
  ...DECISION_ROUTES,
  ...DISCLOSURE_ROUTES,
  ...REPORT_ROUTES,
  ...CANARY_ROUTES,
];
