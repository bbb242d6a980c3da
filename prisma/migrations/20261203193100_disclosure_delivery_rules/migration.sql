-- Hand-written: the database's part of the delivery rules a review added (apps/api/src/disclosures/). In its own
-- migration because PostgreSQL cannot use the enum value EXPIRED in the transaction that adds it.

-- An approved package whose link ran out unused is EXPIRED; it makes room for a new package of the same request.
DROP INDEX "disclosure_one_open_per_request";
CREATE UNIQUE INDEX "disclosure_one_open_per_request" ON "disclosure"("request_id")
  WHERE (status NOT IN ('REJECTED', 'EXPIRED'));
ALTER TABLE disclosure DROP CONSTRAINT disclosure_delivered_was_approved;
ALTER TABLE disclosure ADD CONSTRAINT disclosure_delivered_was_approved
  CHECK (status::text NOT IN ('APPROVED', 'DELIVERED', 'EXPIRED') OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL));
ALTER TABLE disclosure ADD CONSTRAINT disclosure_expired_files_deleted
  CHECK (status::text <> 'EXPIRED' OR (files_deleted_at IS NOT NULL AND delivered_at IS NULL));

-- Four eyes on the way out too (POLICY.md): whoever prepared a package neither makes its download link nor
-- exports it, so one REVIEWER cannot take the data after approval. The API answers SEPARATION_OF_DUTIES first.
-- An unused link its preparer made is withdrawn (staff make a new one); packages delivered before this rule stay
-- as they were recorded (NOT VALID), and every new link and delivery is checked.
UPDATE disclosure SET link_token_hash = NULL, link_created_by_id = NULL, link_created_at = NULL, download_expires_at = NULL
 WHERE status = 'APPROVED' AND link_created_by_id = prepared_by_id;
ALTER TABLE disclosure ADD CONSTRAINT disclosure_link_not_by_preparer
  CHECK (link_created_by_id IS NULL OR link_created_by_id <> prepared_by_id) NOT VALID;
ALTER TABLE disclosure ADD CONSTRAINT disclosure_deliverer_not_preparer
  CHECK (delivered_by_id IS NULL OR delivered_by_id <> prepared_by_id);

-- Only the expiry of a package moves a request without a person: APPROVED → DECIDED.
ALTER TABLE request_transition ADD CONSTRAINT request_transition_actor_or_expiry
  CHECK (actor_id IS NOT NULL OR (from_status::text = 'APPROVED' AND to_status::text = 'DECIDED'));

-- The released-item check (20261203161800_disclosure_four_eyes) repeats one more rule of preparation: an IP
-- connection lies inside its decision's window (the target's window, both ends included). Same statement-level
-- trigger, same constraint names for the old rules.
CREATE OR REPLACE FUNCTION writ_check_released_items() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF FOUND THEN
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
