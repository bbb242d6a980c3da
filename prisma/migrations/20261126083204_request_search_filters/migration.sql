-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- DropIndex
DROP INDEX "request_search_tokens_idx";

-- CreateIndex
CREATE INDEX "request_search_idx" ON "request" USING GIN ("search_tokens", "status" enum_ops, "country" bpchar_ops, "authority_id" uuid_ops, "type" enum_ops);
