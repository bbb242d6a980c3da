-- Hand-written: the database's part of the disclosure workflow (apps/api/src/disclosures/).

-- Four eyes (POLICY.md): whoever prepared a package neither approves nor rejects it, with SQL that goes around the
-- API neither. The API answers SEPARATION_OF_DUTIES first.
ALTER TABLE disclosure ADD CONSTRAINT disclosure_approver_not_preparer
  CHECK (approved_by_id IS NULL OR approved_by_id <> prepared_by_id);
ALTER TABLE disclosure ADD CONSTRAINT disclosure_rejecter_not_preparer
  CHECK (rejected_by_id IS NULL OR rejected_by_id <> prepared_by_id);
-- A package is delivered only once approved, and a rejected one was never approved.
ALTER TABLE disclosure ADD CONSTRAINT disclosure_delivered_was_approved
  CHECK (status::text NOT IN ('APPROVED', 'DELIVERED') OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL));
ALTER TABLE disclosure ADD CONSTRAINT disclosure_rejected_has_reason
  CHECK (status::text <> 'REJECTED' OR (rejected_by_id IS NOT NULL AND rejection_reason IS NOT NULL AND approved_by_id IS NULL));

-- What was released is a record: the application role adds items and packages, never removes them.
REVOKE DELETE, TRUNCATE ON disclosure, released_item FROM writ_app;
REVOKE UPDATE ON released_item FROM writ_app;

-- The item check of 20261126071000_disclosure_backstop, once per statement instead of once per row: a package of
-- 100,000 connections is inserted in a few statements, and two lookups per row were most of its cost. Same rule,
-- same constraint names, same SQLSTATE.
DROP TRIGGER released_item_consistent ON released_item; -- recreated below under the same name, per statement
DROP FUNCTION writ_check_released_item();

CREATE FUNCTION writ_check_released_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.category::text AS item_category, d.category::text AS decision_category,
         d.request_id IS NOT DISTINCT FROM s.request_id AS same_request
    INTO bad
    FROM new_items n
    LEFT JOIN decision d ON d.id = n.decision_id
    LEFT JOIN disclosure s ON s.id = n.disclosure_id
   WHERE d.category::text IS DISTINCT FROM n.category::text OR d.request_id IS DISTINCT FROM s.request_id
   LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF bad.decision_category IS DISTINCT FROM bad.item_category THEN
    RAISE EXCEPTION 'released item category % does not match its decision (%)', bad.item_category, bad.decision_category
      USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_matches_decision';
  END IF;
  RAISE EXCEPTION 'released item links a decision and a disclosure of different requests'
    USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_same_request';
END
$$;
CREATE TRIGGER released_item_consistent AFTER INSERT ON released_item
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION writ_check_released_items();
CREATE TRIGGER released_item_consistent_update AFTER UPDATE ON released_item
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION writ_check_released_items();
ALTER TABLE released_item ENABLE ALWAYS TRIGGER released_item_consistent;
ALTER TABLE released_item ENABLE ALWAYS TRIGGER released_item_consistent_update;
