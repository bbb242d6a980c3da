-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false;
