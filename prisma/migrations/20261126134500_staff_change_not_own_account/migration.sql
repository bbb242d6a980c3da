-- Hand-written: the account a change is about never decides it (staff/staff-changes.service.ts answers
-- SEPARATION_OF_DUTIES first). An admin whose own password reset is pending cannot approve or reject it, with SQL
-- that goes around the API neither. (A creation names its new account only once approved, by someone else.)
ALTER TABLE staff_change ADD CONSTRAINT staff_change_not_own_account
  CHECK (decided_by IS NULL OR staff_id IS NULL OR decided_by <> staff_id);
