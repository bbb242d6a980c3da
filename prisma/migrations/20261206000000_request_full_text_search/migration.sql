-- Full-text search over what a request says (apps/api/src/requests/search.ts): the words of the reference, the
-- case number, the legal basis, the statement of reasons and the offence as written, and the first one to three
-- characters of each, in one tsvector. It replaces search_tokens, which held every prefix of the reference's and
-- case number's words only.

-- AlterTable
ALTER TABLE "request" ADD COLUMN "search_vector" tsvector NOT NULL DEFAULT ''::tsvector;

-- The API writes search_vector with the words (and their first one to three characters) cut by search.ts. The
-- requests already here get theirs from this statement, which cuts them the same way wherever the text is ASCII;
-- where it is not, a database with the C locale treats a letter beyond ASCII as a space ("münchen" is stored as
-- "m" and "nchen"), until the request is next corrected.
UPDATE "request" r
   SET "search_vector" = coalesce((
         SELECT array_to_tsvector(array_agg(DISTINCT left(v, len)))
           FROM regexp_split_to_table(lower(normalize(concat_ws(' ', r.reference, r.case_number, r.legal_basis,
                                                                 r.statement_of_reasons, r.offence_category), NFKC)),
                                      '[^[:alnum:]]+') w,
                LATERAL (VALUES (left(w, 32)), (CASE WHEN w ~ '^0+[1-9]' THEN left(ltrim(w, '0'), 32) END)) AS word(v),
                generate_series(1, length(v)) len
          WHERE v <> '' AND (len <= 3 OR len = length(v))), ''::tsvector);

-- DropIndex
DROP INDEX "request_search_idx";

-- AlterTable
ALTER TABLE "request" DROP COLUMN "search_tokens";

-- CreateIndex
CREATE INDEX "request_search_idx" ON "request" USING GIN ("search_vector", "status" enum_ops, "country" bpchar_ops, "authority_id" uuid_ops, "type" enum_ops);
