-- Every API token expires. Tokens made before an expiry was required have none and would work for ever: give each
-- the default longest lifetime of a new token (API_TOKEN_MAX_DAYS, 90 days) counted from this migration, so the
-- services that use them have that long to move to a new token. Then no token can be without one.
UPDATE "api_token" SET "expires_at" = greatest(now(), "created_at") + interval '90 days' WHERE "expires_at" IS NULL;

-- AlterTable
ALTER TABLE "api_token" ALTER COLUMN "expires_at" SET NOT NULL;
