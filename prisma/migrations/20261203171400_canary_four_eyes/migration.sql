-- Hand-written: the database's line of the rules on warrant canaries (apps/api/src/reports/), as for reports.

ALTER TABLE canary ADD CONSTRAINT canary_four_eyes
  CHECK (approved_by_id IS NULL OR approved_by_id <> drafted_by_id);

ALTER TABLE canary ADD CONSTRAINT canary_publication_fits_status CHECK (
  CASE status::text
    WHEN 'DRAFT' THEN approved_by_id IS NULL AND published_at IS NULL AND audit_event_id IS NULL AND signed_note IS NULL
    ELSE approved_by_id IS NOT NULL AND published_at IS NOT NULL AND audit_event_id IS NOT NULL
         AND signed_note IS NOT NULL AND expires_at > published_at
  END
);

-- A published canary never changes and never goes; a draft is only published as drafted, or thrown away.
CREATE FUNCTION writ_check_canary_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text = 'PUBLISHED' THEN
    RAISE EXCEPTION 'the % canary is published and cannot be changed or removed', OLD.period
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.id <> OLD.id OR NEW.period <> OLD.period OR NEW.statement <> OLD.statement
     OR NEW.drafted_by_id <> OLD.drafted_by_id OR NEW.drafted_at <> OLD.drafted_at OR NEW.expires_at <> OLD.expires_at THEN
    RAISE EXCEPTION 'a draft canary is approved as drafted, not edited (canary %)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER canary_published_is_final BEFORE UPDATE OR DELETE ON canary
  FOR EACH ROW EXECUTE FUNCTION writ_check_canary_change();
ALTER TABLE canary ENABLE ALWAYS TRIGGER canary_published_is_final;
REVOKE TRUNCATE ON canary FROM writ_app;
