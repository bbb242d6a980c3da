-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('LINK', 'EXPORT');

-- AlterTable
ALTER TABLE "disclosure" ADD COLUMN     "delivered_via" "DeliveryChannel",
ADD COLUMN     "files_deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "link_created_at" TIMESTAMPTZ(3),
ADD COLUMN     "link_created_by_id" UUID,
ADD COLUMN     "link_token_hash" TEXT,
ADD COLUMN     "rejected_at" TIMESTAMPTZ(3),
ADD COLUMN     "rejected_by_id" UUID,
ADD COLUMN     "rejection_reason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "disclosure_one_open_per_request" ON "disclosure"("request_id") WHERE (status <> 'REJECTED');
