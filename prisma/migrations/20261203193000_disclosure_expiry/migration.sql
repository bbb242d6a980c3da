-- AlterEnum
ALTER TYPE "DisclosureStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "disclosure" ADD COLUMN     "delivered_by_id" UUID;

-- AlterTable
ALTER TABLE "request_transition" ALTER COLUMN "actor_id" DROP NOT NULL;
