-- Hand-written: the database's own line of the disclosure rule (POLICY.md, "Defence in depth", layer 4), closing
-- the gaps a review found: a decision could say RELEASE for a category that is never releasable, a DENY decision
-- could be deleted and re-inserted as RELEASE, and a released item could carry any text as "phone number", name
-- another category than its decision, or mix requests.

-- A decision may say RELEASE only for the two releasable categories.
ALTER TABLE decision ADD CONSTRAINT decision_release_only_releasable
  CHECK (outcome::text <> 'RELEASE' OR category::text IN ('IP_ADDRESS', 'PHONE_NUMBER'));

-- Decisions are never deleted either (UPDATE is refused by decision_immutable).
CREATE FUNCTION writ_reject_decision_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'decisions are immutable: % on decision is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision FOR EACH ROW EXECUTE FUNCTION writ_reject_decision_delete();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION writ_reject_decision_delete();
ALTER TABLE decision ENABLE ALWAYS TRIGGER decision_no_delete;
ALTER TABLE decision ENABLE ALWAYS TRIGGER decision_no_truncate;
REVOKE DELETE, TRUNCATE ON decision FROM writ_app;

-- A released value has the shape of its category: an IP address, or an E.164 phone number. Nothing else fits.
ALTER TABLE released_item ADD CONSTRAINT released_item_value_shape CHECK (
  length(value) <= 64 AND (
    (category::text = 'PHONE_NUMBER' AND value ~ '^\+[1-9][0-9]{6,14}$')
    OR (category::text = 'IP_ADDRESS' AND value ~ '^[0-9A-Fa-f:.]{2,45}$' AND value::inet IS NOT NULL)
  )
);

-- An item repeats its decision's category, and its decision belongs to the same request as its disclosure.
CREATE FUNCTION writ_check_released_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d record;
  disclosure_request uuid;
BEGIN
  SELECT category::text AS category, request_id INTO d FROM decision WHERE id = NEW.decision_id;
  SELECT request_id INTO disclosure_request FROM disclosure WHERE id = NEW.disclosure_id;
  IF d.category IS DISTINCT FROM NEW.category::text THEN
    RAISE EXCEPTION 'released item category % does not match its decision (%)', NEW.category, d.category
      USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_matches_decision';
  END IF;
  IF d.request_id IS DISTINCT FROM disclosure_request THEN
    RAISE EXCEPTION 'released item links a decision and a disclosure of different requests'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'released_item_same_request';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER released_item_consistent BEFORE INSERT OR UPDATE ON released_item
  FOR EACH ROW EXECUTE FUNCTION writ_check_released_item();
ALTER TABLE released_item ENABLE ALWAYS TRIGGER released_item_consistent;
