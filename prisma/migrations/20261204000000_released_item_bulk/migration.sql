-- Hand-written: released_item made cheap to fill in bulk, with the same rules (issue 13: a package of 100,000
-- connections in at most 2 s; bench/disclosure.bench.ts). Measured on 100,000 rows inserted in one statement, the
-- random uuid key and its second index cost about 0.5 s, and each of the two foreign keys about 0.3 s: a foreign
-- key is checked with one locking lookup per row. The rules they stood for are checked here once per statement,
-- in a join, or made unconditional.

-- 1. A released item is named by its package and its place in it (1, 2, … in the order of data.json and data.csv)
--    instead of a random uuid. The key serves every lookup by package, and says which line of the files it is.
ALTER TABLE released_item ADD COLUMN ordinal INTEGER;
-- Items of packages prepared before this change: numbered in the order they were written.
UPDATE released_item r SET ordinal = n.ordinal
  FROM (SELECT id, row_number() OVER (PARTITION BY disclosure_id ORDER BY ctid) AS ordinal FROM released_item) n
 WHERE n.id = r.id;
ALTER TABLE released_item ALTER COLUMN ordinal SET NOT NULL;
ALTER TABLE released_item ADD CONSTRAINT released_item_ordinal_positive CHECK (ordinal >= 1);
ALTER TABLE released_item DROP CONSTRAINT released_item_pkey;
ALTER TABLE released_item DROP COLUMN id;
ALTER TABLE released_item ADD CONSTRAINT released_item_pkey PRIMARY KEY (disclosure_id, ordinal);
DROP INDEX released_item_disclosure_id_idx;

-- 2. The foreign keys become part of the statement-level check. What they guaranteed still holds:
--    - an item names an existing RELEASE decision and an existing package: checked below for every inserted or
--      updated row, in the same join as the other item rules;
--    - the decision cannot change or go away afterwards: decisions refuse UPDATE, DELETE and TRUNCATE
--      (decision_immutable, decision_no_delete, decision_no_truncate);
--    - the package cannot go away or change its id afterwards: disclosure_permanent, below. A released item is a
--      record of what left; its package is too (the application role already lacks DELETE and TRUNCATE on both).
ALTER TABLE released_item DROP CONSTRAINT released_item_decision_id_decision_outcome_fkey;
ALTER TABLE released_item DROP CONSTRAINT released_item_disclosure_id_fkey;
-- Was only the target of the composite foreign key.
DROP INDEX decision_id_outcome_key;

CREATE OR REPLACE FUNCTION writ_check_released_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.disclosure_id, n.decision_id, s.id IS NULL AS no_disclosure, d.id IS NULL AS no_decision,
         d.outcome::text AS outcome, n.category::text AS item_category, d.category::text AS decision_category,
         d.request_id IS NOT DISTINCT FROM s.request_id AS same_request
    INTO bad
    FROM new_items n
    LEFT JOIN decision d ON d.id = n.decision_id
    LEFT JOIN disclosure s ON s.id = n.disclosure_id
   WHERE s.id IS NULL OR d.id IS NULL OR d.outcome::text <> 'RELEASE'
      OR d.category::text IS DISTINCT FROM n.category::text OR d.request_id IS DISTINCT FROM s.request_id
   LIMIT 1;
  IF FOUND THEN
    IF bad.no_disclosure THEN
      RAISE EXCEPTION 'released item names a disclosure that does not exist (%)', bad.disclosure_id
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'released_item_disclosure_exists';
    END IF;
    IF bad.no_decision OR bad.outcome <> 'RELEASE' THEN
      RAISE EXCEPTION 'released item names no RELEASE decision (decision %: %)', bad.decision_id,
          coalesce(bad.outcome, 'does not exist')
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'released_item_release_decision';
    END IF;
    IF bad.decision_category IS DISTINCT FROM bad.item_category THEN
      RAISE EXCEPTION 'released item category % does not match its decision (%)', bad.item_category, bad.decision_category
        USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_matches_decision';
    END IF;
    RAISE EXCEPTION 'released item links a decision and a disclosure of different requests'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_same_request';
  END IF;
  SELECT n.observed_at INTO bad
    FROM new_items n
    JOIN decision d ON d.id = n.decision_id
    JOIN target t ON t.id = d.target_id
   WHERE n.category::text = 'IP_ADDRESS'
     AND NOT COALESCE(n.observed_at BETWEEN t.window_start AND t.window_end, false)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'released IP connection at % lies outside its decision''s window', bad.observed_at
      USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_inside_window';
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION writ_keep_disclosure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a disclosure package is a permanent record: it cannot be deleted or renumbered'
    USING ERRCODE = 'restrict_violation', CONSTRAINT = 'disclosure_permanent';
END
$$;
CREATE TRIGGER disclosure_permanent BEFORE DELETE OR UPDATE OF id ON disclosure
  FOR EACH ROW EXECUTE FUNCTION writ_keep_disclosure();
CREATE TRIGGER disclosure_no_truncate BEFORE TRUNCATE ON disclosure
  FOR EACH STATEMENT EXECUTE FUNCTION writ_keep_disclosure();
ALTER TABLE disclosure ENABLE ALWAYS TRIGGER disclosure_permanent;
ALTER TABLE disclosure ENABLE ALWAYS TRIGGER disclosure_no_truncate;
