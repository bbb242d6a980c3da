-- CreateEnum
CREATE TYPE "OffenceCategoryCode" AS ENUM ('ANIMAL_WELFARE', 'CONSUMER_INFORMATION', 'CYBER_VIOLENCE', 'CYBER_VIOLENCE_AGAINST_WOMEN', 'DATA_PROTECTION_AND_PRIVACY_VIOLATIONS', 'ILLEGAL_OR_HARMFUL_SPEECH', 'INTELLECTUAL_PROPERTY_INFRINGEMENTS', 'NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS', 'NOT_SPECIFIED_ORDER', 'PROTECTION_OF_MINORS', 'RISK_FOR_PUBLIC_SECURITY', 'SCAMS_AND_FRAUD', 'SELF_HARM', 'UNSAFE_AND_PROHIBITED_PRODUCTS', 'VIOLENCE');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- AlterTable
ALTER TABLE "request" ADD COLUMN     "offence_category_code" "OffenceCategoryCode";

-- AlterTable
ALTER TABLE "report" DROP COLUMN "log_index",
DROP COLUMN "published_by_id",
DROP COLUMN "rows",
ADD COLUMN     "approved_by_id" UUID,
ADD COLUMN     "audit_event_id" BIGINT,
ADD COLUMN     "document" TEXT NOT NULL,
ADD COLUMN     "drafted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "drafted_by_id" UUID NOT NULL,
ADD COLUMN     "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
DROP COLUMN "changelog",
ADD COLUMN     "changelog" JSONB,
ALTER COLUMN "published_at" DROP NOT NULL,
ALTER COLUMN "published_at" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "report_status_period_idx" ON "report"("status", "period");

-- CreateIndex
CREATE UNIQUE INDEX "report_one_draft_per_period" ON "report"("period") WHERE (status = 'DRAFT');
