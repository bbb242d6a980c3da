-- AlterTable
ALTER TABLE "canary" DROP COLUMN "next_due_at",
ADD COLUMN     "approved_by_id" UUID,
ADD COLUMN     "audit_event_id" BIGINT,
ADD COLUMN     "drafted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "drafted_by_id" UUID NOT NULL,
ADD COLUMN     "expires_at" TIMESTAMPTZ(3) NOT NULL,
ADD COLUMN     "period" TEXT NOT NULL,
ADD COLUMN     "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
ALTER COLUMN "signed_note" DROP NOT NULL,
ALTER COLUMN "published_at" DROP NOT NULL,
ALTER COLUMN "published_at" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "canary_status_published_at_idx" ON "canary"("status", "published_at");

-- CreateIndex
CREATE UNIQUE INDEX "canary_one_draft_per_period" ON "canary"("period") WHERE (status = 'DRAFT');

-- CreateIndex
CREATE UNIQUE INDEX "canary_one_per_period" ON "canary"("period") WHERE (status = 'PUBLISHED');
