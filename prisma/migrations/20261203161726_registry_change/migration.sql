-- CreateEnum
CREATE TYPE "RegistryChangeKind" AS ENUM ('ADD_KEY', 'ADD_CHANNEL', 'UPDATE_AUTHORITY', 'ACTIVATE_AUTHORITY');

-- CreateEnum
CREATE TYPE "RegistryChangeStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED');

-- AlterTable
ALTER TABLE "authority_contact_channel" ADD COLUMN     "registry_change_id" UUID;

-- AlterTable
ALTER TABLE "authority_key" ADD COLUMN     "registry_change_id" UUID;

-- CreateTable
CREATE TABLE "registry_change" (
    "id" UUID NOT NULL,
    "kind" "RegistryChangeKind" NOT NULL,
    "authority_id" UUID NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "target_version" INTEGER,
    "status" "RegistryChangeStatus" NOT NULL DEFAULT 'PENDING',
    "proposed_by" UUID NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,

    CONSTRAINT "registry_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "registry_change_proposed_at_id_idx" ON "registry_change"("proposed_at", "id");

-- CreateIndex
CREATE INDEX "registry_change_status_proposed_at_idx" ON "registry_change"("status", "proposed_at");

-- CreateIndex
CREATE INDEX "registry_change_authority_id_idx" ON "registry_change"("authority_id");

-- CreateIndex
CREATE UNIQUE INDEX "registry_change_one_pending_per_authority" ON "registry_change"("authority_id", "kind") WHERE (status = 'PENDING' AND kind IN ('UPDATE_AUTHORITY', 'ACTIVATE_AUTHORITY'));

-- CreateIndex
CREATE UNIQUE INDEX "authority_contact_channel_registry_change_id_key" ON "authority_contact_channel"("registry_change_id");

-- CreateIndex
CREATE UNIQUE INDEX "authority_key_registry_change_id_key" ON "authority_key"("registry_change_id");

-- AddForeignKey
ALTER TABLE "authority_contact_channel" ADD CONSTRAINT "authority_contact_channel_registry_change_id_fkey" FOREIGN KEY ("registry_change_id") REFERENCES "registry_change"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authority_key" ADD CONSTRAINT "authority_key_registry_change_id_fkey" FOREIGN KEY ("registry_change_id") REFERENCES "registry_change"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_change" ADD CONSTRAINT "registry_change_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_change" ADD CONSTRAINT "registry_change_proposed_by_fkey" FOREIGN KEY ("proposed_by") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registry_change" ADD CONSTRAINT "registry_change_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
