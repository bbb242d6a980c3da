-- AlterTable
ALTER TABLE "request" ADD COLUMN     "search_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "request_search_tokens_idx" ON "request" USING GIN ("search_tokens");
