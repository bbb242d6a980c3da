-- CreateTable
CREATE TABLE "request_status_count" (
    "id" BIGSERIAL NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "request_status_count_pkey" PRIMARY KEY ("id")
);

-- How many requests are in each status, for the staff queue's counts when no filter narrows them: counting 100,000
-- requests per queue page was most of the database's time for that page (8-10 ms of an index-only scan). Every
-- change to request adds rows here, +n for the statuses entered and -n for those left, instead of updating one row
-- per status: concurrent intake and transitions then never wait on each other (nor deadlock over two statuses).
-- Reading sums the rows; request_status_counts() first folds them into one per status when they have piled up.
-- Statement-level triggers with transition tables: one insert per statement, exact inside the same transaction.
-- The rows are written only by these SECURITY DEFINER functions: the application may read them, not change them.

-- No request may change between the count below and the triggers taking over: the lock waits for writers already
-- running and holds off new ones until this migration commits (each statement then sees every committed row).
LOCK TABLE request IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO request_status_count (status, n) SELECT status, count(*)::int FROM request GROUP BY status;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON request_status_count FROM writ_app;

CREATE FUNCTION request_status_count_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.request_status_count (status, n) SELECT status, count(*)::int FROM added GROUP BY status;
  RETURN NULL;
END $$;

CREATE FUNCTION request_status_count_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.request_status_count (status, n) SELECT status, -count(*)::int FROM removed GROUP BY status;
  RETURN NULL;
END $$;

-- Most updates leave the status alone (an edit, an acknowledgement): they add nothing.
CREATE FUNCTION request_status_count_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO public.request_status_count (status, n)
  SELECT status, sum(n)::int FROM (
    SELECT status, 1 AS n FROM added UNION ALL SELECT status, -1 FROM removed) x
   GROUP BY status HAVING sum(n) <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER request_status_count_insert AFTER INSERT ON request
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION request_status_count_added();
CREATE TRIGGER request_status_count_delete AFTER DELETE ON request
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION request_status_count_removed();
CREATE TRIGGER request_status_count_update AFTER UPDATE ON request
  REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION request_status_count_moved();

-- TRUNCATE fires no row or statement triggers of its own kind above: refused, so the counts cannot silently drift.
CREATE FUNCTION request_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'request: TRUNCATE would leave request_status_count wrong; delete the rows instead';
END $$;
CREATE TRIGGER request_no_truncate BEFORE TRUNCATE ON request FOR EACH STATEMENT EXECUTE FUNCTION request_refuse_truncate();

-- The counts per status (statuses without requests are absent). Folds the rows into one per status first when
-- more than 64 have piled up and no other session is folding. The fold deletes only the rows its snapshot sees and
-- writes back their sums in the same statement, so rows other transactions add meanwhile stay, and a reader sees
-- either the rows before the fold or their sums: never both, never neither.
CREATE FUNCTION request_status_counts() RETURNS TABLE (status text, n integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM public.request_status_count LIMIT 65) pile) > 64
     AND pg_try_advisory_xact_lock(33621319479419764) THEN -- "writsct" in hex
    WITH gone AS (DELETE FROM public.request_status_count RETURNING request_status_count.status, request_status_count.n)
    INSERT INTO public.request_status_count (status, n)
    SELECT g.status, sum(g.n)::int FROM gone g GROUP BY g.status HAVING sum(g.n) <> 0;
  END IF;
  RETURN QUERY SELECT c.status::text, sum(c.n)::int FROM public.request_status_count c GROUP BY c.status;
END $$;
