-- Hand-written: the database's own line of the four-eyes rule on account administration (staff_change, see
-- apps/api/src/staff/staff-changes.service.ts). The API checks all of this first; these CHECKs and the trigger
-- hold even for SQL that goes around it.

-- Whoever approves or rejects a change is not whoever proposed it. (A proposer withdraws their own with a
-- cancellation, which names no decider.)
ALTER TABLE staff_change ADD CONSTRAINT staff_change_four_eyes
  CHECK (decided_by IS NULL OR decided_by <> proposed_by);

-- The decision columns fit the status: an open change has none; an approval or a rejection names its admin (a
-- rejection also its reason); a cancellation and an expiry name nobody but say when.
ALTER TABLE staff_change ADD CONSTRAINT staff_change_decision_fits_status CHECK (
  CASE status::text
    WHEN 'PENDING' THEN decided_by IS NULL AND decided_at IS NULL
    WHEN 'APPROVED' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL
    WHEN 'REJECTED' THEN decided_by IS NOT NULL AND decided_at IS NOT NULL AND reason IS NOT NULL
    ELSE decided_by IS NULL AND decided_at IS NOT NULL
  END
);

-- The target fits the kind: a creation names the new email, and its account once approved (only then); every other
-- change names its account, and the account's version it was proposed against, from the start.
ALTER TABLE staff_change ADD CONSTRAINT staff_change_target_fits_kind CHECK (
  CASE WHEN kind::text = 'CREATE_ACCOUNT'
    THEN email IS NOT NULL AND (staff_id IS NOT NULL) = (status::text = 'APPROVED')
    ELSE email IS NULL AND staff_id IS NOT NULL AND target_version IS NOT NULL
  END
);

ALTER TABLE staff_change ADD CONSTRAINT staff_change_expires_after_proposal CHECK (expires_at > proposed_at);

-- A password is generated at approval and shown once to the approver: a proposal never carries one.
ALTER TABLE staff_change ADD CONSTRAINT staff_change_payload_without_secrets CHECK (
  jsonb_typeof(payload) = 'object' AND NOT (payload ?| ARRAY['password', 'temporaryPassword', 'passwordHash'])
);

-- A decided change is history: only a PENDING row may change, and only its decision columns (and, for an approved
-- creation, the account it made). Rows are never deleted.
CREATE FUNCTION writ_check_staff_change_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text <> 'PENDING' THEN
    RAISE EXCEPTION 'staff change % is % and cannot change any more', OLD.id, OLD.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.email IS DISTINCT FROM OLD.email
     OR NEW.payload <> OLD.payload OR NEW.target_version IS DISTINCT FROM OLD.target_version
     OR NEW.proposed_by <> OLD.proposed_by OR NEW.proposed_at <> OLD.proposed_at OR NEW.expires_at <> OLD.expires_at
     OR (OLD.staff_id IS NOT NULL AND NEW.staff_id IS DISTINCT FROM OLD.staff_id) THEN
    RAISE EXCEPTION 'a proposal is not edited: only its decision is recorded (staff change %)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER staff_change_decided_is_final BEFORE UPDATE ON staff_change
  FOR EACH ROW EXECUTE FUNCTION writ_check_staff_change_update();
ALTER TABLE staff_change ENABLE ALWAYS TRIGGER staff_change_decided_is_final;
REVOKE DELETE, TRUNCATE ON staff_change FROM writ_app;
