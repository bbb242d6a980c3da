-- CreateEnum
CREATE TYPE "StaffChangeKind" AS ENUM ('CREATE_ACCOUNT', 'GRANT_ROLES', 'ENABLE_ACCOUNT', 'RESET_PASSWORD', 'RESET_SECOND_FACTOR');

-- CreateEnum
CREATE TYPE "StaffChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED');

-- CreateTable
CREATE TABLE "staff_change" (
    "id" UUID NOT NULL,
    "kind" "StaffChangeKind" NOT NULL,
    "staff_id" UUID,
    "email" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "target_version" INTEGER,
    "status" "StaffChangeStatus" NOT NULL DEFAULT 'PENDING',
    "proposed_by" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,

    CONSTRAINT "staff_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staff_change_proposed_at_id_idx" ON "staff_change"("proposed_at", "id");

-- CreateIndex
CREATE INDEX "staff_change_status_proposed_at_idx" ON "staff_change"("status", "proposed_at");

-- CreateIndex
CREATE INDEX "staff_change_staff_id_idx" ON "staff_change"("staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_change_one_pending_per_account" ON "staff_change"("staff_id", "kind") WHERE (status = 'PENDING');

-- CreateIndex
CREATE UNIQUE INDEX "staff_change_one_pending_per_email" ON "staff_change"("email") WHERE (status = 'PENDING');

-- AddForeignKey
ALTER TABLE "staff_change" ADD CONSTRAINT "staff_change_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_change" ADD CONSTRAINT "staff_change_proposed_by_fkey" FOREIGN KEY ("proposed_by") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_change" ADD CONSTRAINT "staff_change_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
