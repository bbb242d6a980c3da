-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "AuthorityKind" AS ENUM ('COURT', 'PROSECUTOR', 'POLICE', 'ADMINISTRATIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "AuthorityStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "ContactChannelKind" AS ENUM ('EMAIL', 'PHONE', 'PORTAL', 'POST');

-- CreateEnum
CREATE TYPE "AuthorityKeyKind" AS ENUM ('ED25519', 'X509');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('RECORDS', 'PRESERVATION', 'EMERGENCY', 'INQUIRY');

-- CreateEnum
CREATE TYPE "LegalProcess" AS ENUM ('COURT_ORDER', 'WARRANT', 'SUBPOENA', 'ADMINISTRATIVE_ORDER', 'LETTER', 'OTHER');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('RECEIVED', 'IN_REVIEW', 'VERIFIED', 'DECIDED', 'DISCLOSURE_PREPARED', 'APPROVED', 'DELIVERED', 'CLOSED', 'REJECTED', 'NO_DATA', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('DISCLOSED', 'NO_DATA', 'REJECTED_NOT_COURT_ORDER', 'REJECTED_UNVERIFIED', 'REJECTED_INVALID', 'REJECTED_SCOPE', 'WITHDRAWN', 'PENDING');

-- CreateEnum
CREATE TYPE "SelectorType" AS ENUM ('ACCOUNT_ID', 'USERNAME', 'PHONE_NUMBER');

-- CreateEnum
CREATE TYPE "TargetRole" AS ENUM ('SUSPECT', 'VICTIM', 'WITNESS', 'UNSPECIFIED');

-- CreateEnum
CREATE TYPE "LookupResult" AS ENUM ('FOUND', 'NOT_FOUND', 'INVALID');

-- CreateEnum
CREATE TYPE "DataCategory" AS ENUM ('IP_ADDRESS', 'PHONE_NUMBER', 'MESSAGE_CONTENT', 'CONTACTS', 'MEDIA', 'LOCATION', 'SUBSCRIBER_INFO', 'OTHER');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('ORDER', 'SUPPORTING', 'CORRESPONDENCE');

-- CreateEnum
CREATE TYPE "SignatureFormat" AS ENUM ('CMS', 'ED25519');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('SIGNATURE', 'OUT_OF_BAND');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('RELEASE', 'DENY');

-- CreateEnum
CREATE TYPE "ReleasableCategory" AS ENUM ('IP_ADDRESS', 'PHONE_NUMBER');

-- CreateEnum
CREATE TYPE "DisclosureStatus" AS ENUM ('PREPARED', 'APPROVED', 'REJECTED', 'DELIVERED');

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "totp_secret" TEXT,
    "totp_enrolled_at" TIMESTAMPTZ(3),
    "recovery_code_hashes" TEXT[],
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "token_hash" TEXT NOT NULL,
    "staff_id" UUID NOT NULL,
    "mfa_passed" BOOLEAN NOT NULL DEFAULT false,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "staff_id" UUID NOT NULL,
    "roles" "StaffRole"[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authority" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AuthorityKind" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "status" "AuthorityStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "authority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authority_contact_channel" (
    "id" UUID NOT NULL,
    "authority_id" UUID NOT NULL,
    "kind" "ContactChannelKind" NOT NULL,
    "value" TEXT NOT NULL,
    "label" TEXT,
    "verified_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authority_contact_channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authority_key" (
    "id" UUID NOT NULL,
    "authority_id" UUID NOT NULL,
    "kind" "AuthorityKeyKind" NOT NULL,
    "material" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authority_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "RequestType" NOT NULL,
    "legal_process" "LegalProcess" NOT NULL,
    "authority_id" UUID NOT NULL,
    "country" CHAR(2) NOT NULL,
    "requester_contact" TEXT,
    "case_number" TEXT,
    "legal_basis" TEXT,
    "statement_of_reasons" TEXT,
    "offence_category" TEXT,
    "issued_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "responded_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "withdrawn_at" TIMESTAMPTZ(3),
    "has_ndo" BOOLEAN NOT NULL DEFAULT false,
    "ndo_ends_at" TIMESTAMPTZ(3),
    "user_notified_at" TIMESTAMPTZ(3),
    "status" "RequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "outcome" "Outcome" NOT NULL DEFAULT 'PENDING',
    "status_reason" TEXT,
    "search_text" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_transition" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "from_status" "RequestStatus" NOT NULL,
    "to_status" "RequestStatus" NOT NULL,
    "reason" TEXT,
    "actor_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "request_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_record" (
    "key" TEXT NOT NULL,
    "staff_id" UUID NOT NULL,
    "route" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("staff_id","route","key")
);

-- CreateTable
CREATE TABLE "target" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "selector_type" "SelectorType" NOT NULL,
    "value" TEXT NOT NULL,
    "role" "TargetRole" NOT NULL,
    "named_in_order" BOOLEAN NOT NULL DEFAULT true,
    "window_start" TIMESTAMPTZ(3),
    "window_end" TIMESTAMPTZ(3),
    "resolved_account_id" TEXT,
    "lookup_result" "LookupResult",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requested_category" (
    "request_id" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,
    "as_written" TEXT,

    CONSTRAINT "requested_category_pkey" PRIMARY KEY ("request_id","category")
);

-- CreateTable
CREATE TABLE "document" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "filename" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "signature_format" "SignatureFormat",
    "signature_storage_key" TEXT,
    "signature_sha256" TEXT,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "method" "VerificationMethod" NOT NULL,
    "result" TEXT NOT NULL,
    "document_id" UUID,
    "contact_channel_id" UUID,
    "contact_person" TEXT,
    "contacted_at" TIMESTAMPTZ(3),
    "note" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_by_id" UUID,
    "confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "reasons" JSONB NOT NULL,
    "policy_hash" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disclosure" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "status" "DisclosureStatus" NOT NULL DEFAULT 'PREPARED',
    "manifest" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "signature" TEXT,
    "prepared_by_id" UUID NOT NULL,
    "prepared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "download_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "disclosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "released_item" (
    "id" UUID NOT NULL,
    "disclosure_id" UUID NOT NULL,
    "decision_id" UUID NOT NULL,
    "decision_outcome" "DecisionOutcome" NOT NULL DEFAULT 'RELEASE',
    "category" "ReleasableCategory" NOT NULL,
    "value" TEXT NOT NULL,
    "observed_at" TIMESTAMPTZ(3),

    CONSTRAINT "released_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriber_account" (
    "account_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "phone_number" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriber_account_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "subscriber_connection" (
    "id" BIGSERIAL NOT NULL,
    "account_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT NOT NULL,

    CONSTRAINT "subscriber_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT,
    "details" JSONB NOT NULL,
    "leaf" BYTEA NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_pending" (
    "event_id" BIGINT NOT NULL,

    CONSTRAINT "log_pending_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "log_entry" (
    "index" BIGINT NOT NULL,
    "event_id" BIGINT NOT NULL,
    "leaf_hash" BYTEA NOT NULL,

    CONSTRAINT "log_entry_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "log_tile" (
    "level" INTEGER NOT NULL,
    "index" BIGINT NOT NULL,
    "width" INTEGER NOT NULL,
    "hashes" BYTEA NOT NULL,

    CONSTRAINT "log_tile_pkey" PRIMARY KEY ("level","index","width")
);

-- CreateTable
CREATE TABLE "log_checkpoint" (
    "tree_size" BIGINT NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "log_checkpoint_pkey" PRIMARY KEY ("tree_size")
);

-- CreateTable
CREATE TABLE "report" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "rows" JSONB NOT NULL,
    "threshold" INTEGER NOT NULL,
    "changelog" TEXT,
    "sha256" TEXT NOT NULL,
    "log_index" BIGINT,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by_id" UUID NOT NULL,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "canary" (
    "id" UUID NOT NULL,
    "statement" TEXT NOT NULL,
    "signed_note" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_due_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "canary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_email_key" ON "staff"("email");

-- CreateIndex
CREATE INDEX "session_staff_id_idx" ON "session"("staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_staff_id_idx" ON "api_token"("staff_id");

-- CreateIndex
CREATE INDEX "authority_kind_country_idx" ON "authority"("kind", "country");

-- CreateIndex
CREATE UNIQUE INDEX "authority_country_name_key" ON "authority"("country", "name");

-- CreateIndex
CREATE INDEX "authority_contact_channel_authority_id_idx" ON "authority_contact_channel"("authority_id");

-- CreateIndex
CREATE UNIQUE INDEX "authority_key_authority_id_fingerprint_key" ON "authority_key"("authority_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "request_reference_key" ON "request"("reference");

-- CreateIndex
CREATE INDEX "request_status_received_at_idx" ON "request"("status", "received_at");

-- CreateIndex
CREATE INDEX "request_country_received_at_idx" ON "request"("country", "received_at");

-- CreateIndex
CREATE INDEX "request_authority_id_received_at_idx" ON "request"("authority_id", "received_at");

-- CreateIndex
CREATE INDEX "request_due_at_idx" ON "request"("due_at");

-- CreateIndex
CREATE INDEX "request_received_at_id_idx" ON "request"("received_at", "id");

-- CreateIndex
CREATE INDEX "request_transition_request_id_at_idx" ON "request_transition"("request_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "target_request_id_selector_type_value_key" ON "target"("request_id", "selector_type", "value");

-- CreateIndex
CREATE UNIQUE INDEX "document_storage_key_key" ON "document"("storage_key");

-- CreateIndex
CREATE INDEX "document_request_id_idx" ON "document"("request_id");

-- CreateIndex
CREATE INDEX "verification_request_id_idx" ON "verification"("request_id");

-- CreateIndex
CREATE INDEX "decision_request_id_idx" ON "decision"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "decision_id_outcome_key" ON "decision"("id", "outcome");

-- CreateIndex
CREATE INDEX "disclosure_request_id_idx" ON "disclosure"("request_id");

-- CreateIndex
CREATE INDEX "released_item_disclosure_id_idx" ON "released_item"("disclosure_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_account_username_key" ON "subscriber_account"("username");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_account_phone_number_key" ON "subscriber_account"("phone_number");

-- CreateIndex
CREATE INDEX "subscriber_connection_account_id_at_idx" ON "subscriber_connection"("account_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_action_at_idx" ON "audit_event"("action", "at");

-- CreateIndex
CREATE INDEX "audit_event_subject_type_subject_id_idx" ON "audit_event"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "log_entry_event_id_key" ON "log_entry"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_period_version_key" ON "report"("period", "version");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authority_contact_channel" ADD CONSTRAINT "authority_contact_channel_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authority_key" ADD CONSTRAINT "authority_key_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request" ADD CONSTRAINT "request_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_transition" ADD CONSTRAINT "request_transition_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target" ADD CONSTRAINT "target_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requested_category" ADD CONSTRAINT "requested_category_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document" ADD CONSTRAINT "document_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification" ADD CONSTRAINT "verification_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification" ADD CONSTRAINT "verification_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification" ADD CONSTRAINT "verification_contact_channel_id_fkey" FOREIGN KEY ("contact_channel_id") REFERENCES "authority_contact_channel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "released_item" ADD CONSTRAINT "released_item_disclosure_id_fkey" FOREIGN KEY ("disclosure_id") REFERENCES "disclosure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "released_item" ADD CONSTRAINT "released_item_decision_id_decision_outcome_fkey" FOREIGN KEY ("decision_id", "decision_outcome") REFERENCES "decision"("id", "outcome") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_connection" ADD CONSTRAINT "subscriber_connection_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "subscriber_account"("account_id") ON DELETE RESTRICT ON UPDATE CASCADE;
