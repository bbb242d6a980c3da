-- Hand-written: request references (WR-YYYY-NNNNNN) are numbered from one sequence. nextval never blocks and never
-- hands out a number twice, so concurrent intakes cannot race for a reference; a number taken by a transaction that
-- rolled back is simply skipped (references are unique and never reused, not gapless). The number does not restart
-- each year: YYYY is the year of intake, NNNNNN keeps counting (and grows past six digits if it must).
-- Prisma cannot describe a free-standing sequence, and the drift test (test/api/migrations.test.ts) compares tables,
-- columns, indexes, keys and enums only, so it lives here.
CREATE SEQUENCE IF NOT EXISTS request_reference_seq AS bigint START WITH 1 MINVALUE 1 NO CYCLE;

-- The API runs as writ_app (see 20261126061500_log_append_only); say so explicitly rather than rely on default
-- privileges having been set by the same role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'writ_app') THEN
    GRANT USAGE, SELECT, UPDATE ON SEQUENCE request_reference_seq TO writ_app;
  END IF;
END
$$;
